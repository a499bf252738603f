package dev.corridor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.Diagnostic;
import dev.corridor.profile.InvalidProfileException;
import dev.corridor.profile.KeyMaterialMask;
import dev.corridor.profile.ParseResult;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.ProfileStoreException;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.profile.Remote;
import dev.corridor.profile.StoredProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corridor profile ...}: import, list, show, rename, delete and validate profiles. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Manage VPN profiles (.ovpn files).",
        subcommands = {ProfileCommand.Import.class, ProfileCommand.ListProfiles.class, ProfileCommand.Show.class,
                ProfileCommand.Rename.class, ProfileCommand.Delete.class, ProfileCommand.Validate.class})
final class ProfileCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ProfileStore openStore() throws ProfileStoreException {
        return ProfileStore.open(DataDirectory.current(), ProfileParser.standard(), Clock.systemUTC());
    }

    static void printDiagnostics(PrintWriter err, List<Diagnostic> diagnostics) {
        diagnostics.forEach(d -> err.println(d.format()));
    }

    /** {@code profile import FILE [--name NAME]}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Check a profile and store a self-contained copy under a display name.")
    static final class Import implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The .ovpn file to import.")
        private Path file;
        @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the file name).")
        private String name;

        @Override
        public Integer call() throws ProfileStoreException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                ProfileStore.Imported imported = openStore().importFile(file, Optional.ofNullable(name));
                printDiagnostics(err, imported.warnings());
                StoredProfile p = imported.profile();
                out.println("Imported \"" + p.name() + "\" (" + p.authentication() + ", "
                        + String.join(", ", p.remotes()) + ")");
                return ExitCodes.OK;
            } catch (InvalidProfileException e) {
                printDiagnostics(err, e.diagnostics());
                err.println("corridor: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
    }

    /** {@code profile list [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List imported profiles.")
    static final class ListProfiles implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        private boolean asJson;

        @Override
        public Integer call() throws ProfileStoreException, IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<StoredProfile> profiles = openStore().list();
            if (asJson) {
                List<Map<String, Object>> rows = profiles.stream().map(ListProfiles::row).toList();
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
                return ExitCodes.OK;
            }
            if (profiles.isEmpty()) {
                out.println("No profiles yet. Import one with: corridor profile import FILE.ovpn");
                return ExitCodes.OK;
            }
            int nameWidth = Math.max(4, profiles.stream().mapToInt(p -> p.name().length()).max().orElse(4));
            int authWidth = Math.max(14, profiles.stream().mapToInt(p -> p.authentication().length()).max().orElse(4));
            String format = "%-" + nameWidth + "s  %-" + authWidth + "s  %-16s  %s%n";
            out.printf(format, "NAME", "AUTHENTICATION", "IMPORTED", "SERVERS");
            DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
            for (StoredProfile p : profiles) {
                out.printf(format, p.name(), p.authentication(), when.format(p.importedAt()),
                        String.join(", ", p.remotes()));
            }
            return ExitCodes.OK;
        }

        private static Map<String, Object> row(StoredProfile p) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("authentication", p.authentication());
            row.put("remotes", p.remotes());
            row.put("importedAt", p.importedAt().toString());
            row.put("source", p.source());
            row.put("id", p.id());
            return row;
        }
    }

    /** {@code profile show NAME [--with-keys]}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a stored profile (private keys hidden unless --with-keys).")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Display name of the profile.")
        private String name;
        @Option(names = "--with-keys", description = "Also print private keys and static keys.")
        private boolean withKeys;

        @Override
        public Integer call() throws ProfileStoreException {
            PrintWriter out = spec.commandLine().getOut();
            ProfileStore store = openStore();
            StoredProfile p = store.get(name);
            String text = store.text(name);
            out.println("# Name:           " + p.name());
            out.println("# Stored in:      " + store.path(name));
            out.println("# Imported from:  " + p.source());
            out.println("# Authentication: " + p.authentication());
            out.print(withKeys ? text
                    : KeyMaterialMask.mask(text, "[hidden: private key material; use --with-keys to print it]"));
            return ExitCodes.OK;
        }
    }

    /** {@code profile rename OLD NEW}. */
    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Change a profile's display name.")
    static final class Rename implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "OLD")
        private String oldName;
        @Parameters(index = "1", paramLabel = "NEW")
        private String newName;

        @Override
        public Integer call() throws ProfileStoreException {
            StoredProfile renamed = openStore().rename(oldName, newName);
            spec.commandLine().getOut().println("Renamed \"" + oldName + "\" to \"" + renamed.name() + "\"");
            return ExitCodes.OK;
        }
    }

    /** {@code profile delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a stored profile.")
    static final class Delete implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        private String name;

        @Override
        public Integer call() throws ProfileStoreException {
            StoredProfile deleted = openStore().delete(name);
            spec.commandLine().getOut().println("Deleted \"" + deleted.name() + "\"");
            return ExitCodes.OK;
        }
    }

    /** {@code profile validate FILE}: exit 0 when usable (warnings allowed), 1 otherwise. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a profile without importing it. Exit 0 when usable, 1 otherwise.")
    static final class Validate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "FILE")
        private Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            byte[] bytes;
            try {
                if (!Files.isRegularFile(file)) {
                    err.println(file + ":1: error: the file does not exist or is not a regular file");
                    return ExitCodes.FAILURE;
                }
                if (Files.size(file) > 64L * 1024 * 1024) {
                    err.println(file + ":1: error: the file is " + Files.size(file) + " bytes; far too large for"
                            + " a profile");
                    return ExitCodes.FAILURE;
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println(file + ":1: error: cannot read the file: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            Path folder = file.toAbsolutePath().getParent();
            ParseResult result = ProfileParser.standard().parse(file.toString(), bytes,
                    ReferencedFiles.inFolder(folder));
            printDiagnostics(err, result.diagnostics());
            if (!result.usable()) {
                err.println(file + ": not usable: " + result.errors().size() + " error(s), "
                        + result.warnings().size() + " warning(s)");
                return ExitCodes.FAILURE;
            }
            Profile profile = result.profile().get();
            out.println(file + ": usable (" + profile.authentication().summary() + ", "
                    + String.join(", ", profile.remotes().stream().map(Remote::display).toList()) + ")"
                    + (result.warnings().isEmpty() ? "" : ", " + result.warnings().size() + " warning(s)"));
            return ExitCodes.OK;
        }
    }
}

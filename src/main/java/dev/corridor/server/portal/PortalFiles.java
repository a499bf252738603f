package dev.corridor.server.portal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the portal hands out: the endpoint's client configuration file and the client installers,
 * which are the regular files (no links, no hidden files) of the installers folder whose names are
 * plain ({@code [A-Za-z0-9._+-]}, so a name is safe in a URL and a Content-Disposition header and
 * can never leave the folder). The folder is listed on every request, so new installers show up.
 *
 * @param profileFile      the exported client configuration
 * @param installersFolder the installers folder (missing: no installers)
 */
public record PortalFiles(Path profileFile, Path installersFolder) {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,200}");

    public PortalFiles {
        Objects.requireNonNull(profileFile, "profileFile");
        Objects.requireNonNull(installersFolder, "installersFolder");
    }

    /** The installers offered now, sorted by name. */
    public List<String> installers() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(installersFolder)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(installersFolder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (PLAIN_NAME.matcher(name).matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** The installer called {@code name}, when it is one of those offered now. */
    public Optional<Path> installer(String name) throws IOException {
        return installers().contains(name) ? Optional.of(installersFolder.resolve(name)) : Optional.empty();
    }
}

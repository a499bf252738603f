package dev.corridor.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.JsonPaths;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps imported profiles in the user's data folder, owner-only, with an index of display names.
 *
 * <pre>
 *   &lt;data&gt;/profiles/            (0700)
 *     index.json                 {"version":1,"profiles":[StoredProfile...]}   (0600)
 *     &lt;id&gt;.ovpn                  self-contained profile text                   (0600)
 *     .lock                      held while changing anything, so GUI and CLI can run together
 * </pre>
 *
 * Every file is replaced atomically. Import writes the profile first and the index second; delete
 * removes the index entry first and the file second. So a crash at any point leaves a valid index,
 * at worst with an unreferenced {@code .ovpn} or {@code .tmp} file, which the next open removes.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    static final String INDEX = "index.json";
    private static final int INDEX_VERSION = 1;
    private static final Pattern STORED_FILE = Pattern.compile("[0-9a-f]{16}\\.ovpn");
    /** One monitor per store folder, shared by every store instance of this process. */
    private static final ConcurrentMap<Path, Object> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path folder;
    private final ProfileParser parser;
    private final AtomicFileWriter writer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper()
            .findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The index file's shape. */
    record Index(int version, List<StoredProfile> profiles) {
        @JsonCreator
        Index(@JsonProperty("version") int version, @JsonProperty("profiles") List<StoredProfile> profiles) {
            this.version = version;
            this.profiles = profiles == null ? List.of() : List.copyOf(profiles);
        }
    }

    /** What an import produced: the entry and the warnings worth showing. */
    public record Imported(StoredProfile profile, List<Diagnostic> warnings) {}

    private ProfileStore(Path folder, ProfileParser parser, AtomicFileWriter writer, Clock clock) {
        this.folder = folder;
        this.parser = parser;
        this.writer = writer;
        this.clock = clock;
    }

    /** Opens (creating when needed) the store in {@code dataFolder}/profiles and tidies crash leftovers. */
    public static ProfileStore open(Path dataFolder, ProfileParser parser, Clock clock) throws ProfileStoreException {
        return open(dataFolder, parser, new AtomicFileWriter(), clock);
    }

    static ProfileStore open(Path dataFolder, ProfileParser parser, AtomicFileWriter writer, Clock clock)
            throws ProfileStoreException {
        ProfileStore store = new ProfileStore(dataFolder.resolve("profiles"), parser, writer, clock);
        try {
            OwnerOnly.createFolder(store.folder);
            store.locked(() -> {
                store.removeLeftovers();
                return null;
            });
        } catch (IOException e) {
            throw storage("cannot open the profile folder " + store.folder, e);
        }
        return store;
    }

    public Path folder() {
        return folder;
    }

    /** All profiles, in the order they were imported. */
    public List<StoredProfile> list() throws ProfileStoreException {
        return readIndex().profiles();
    }

    /** The profile with this display name (case-insensitive). */
    public StoredProfile get(String name) throws ProfileStoreException {
        return find(readIndex(), name).orElseThrow(() -> new ProfileStoreException(
                ProfileStoreException.Kind.NOT_FOUND, "no profile named \"" + name + "\"" + suggestion()));
    }

    /** The stored, self-contained text of a profile. */
    public String text(String name) throws ProfileStoreException {
        StoredProfile profile = get(name);
        try {
            return Files.readString(folder.resolve(profile.file()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw storage("cannot read the stored profile " + folder.resolve(profile.file()), e);
        }
    }

    /** The path of the stored file, for "show the stored file". */
    public Path path(String name) throws ProfileStoreException {
        return folder.resolve(get(name).file());
    }

    /**
     * Imports a profile file: checks it, inlines the files it references, and stores it under
     * {@code requestedName} or, when absent, the file's name.
     */
    public Imported importFile(Path file, Optional<String> requestedName) throws ProfileStoreException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ProfileStoreException(ProfileStoreException.Kind.INVALID_PROFILE, file + " is not a file");
            }
            if (Files.size(file) > ProfileText.MAX_BYTES) {
                throw new ProfileStoreException(ProfileStoreException.Kind.INVALID_PROFILE, file + " is "
                        + Files.size(file) + " bytes; a profile may be at most " + ProfileText.MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProfileStoreException(ProfileStoreException.Kind.INVALID_PROFILE, file + " does not exist");
        } catch (IOException e) {
            throw new ProfileStoreException(ProfileStoreException.Kind.INVALID_PROFILE, "cannot read " + file + ": "
                    + e.getMessage());
        }
        Path parent = file.toAbsolutePath().getParent();
        ParseResult result = parser.parse(file.toString(), bytes, ReferencedFiles.inFolder(parent));
        String name = requestedName.orElseGet(() -> ProfileNames.fromFileName(file.getFileName().toString()));
        return store(name, file.toAbsolutePath().toString(), result);
    }

    /** Imports profile text that came from elsewhere (a portal download, a drag-and-drop). */
    public Imported importText(String displayName, byte[] bytes, String source) throws ProfileStoreException {
        ParseResult result = parser.parse(source, bytes, ReferencedFiles.NONE);
        return store(displayName, source, result);
    }

    private Imported store(String name, String source, ParseResult result) throws ProfileStoreException {
        Optional<String> nameProblem = ProfileNames.problem(name);
        if (nameProblem.isPresent()) {
            throw new ProfileStoreException(ProfileStoreException.Kind.INVALID_NAME, nameProblem.get());
        }
        if (!result.usable()) {
            throw new InvalidProfileException(result.diagnostics());
        }
        String text = result.storableText().orElseThrow();
        Profile profile = result.profile().orElseThrow();
        String hash = sha256(text);
        return locked(() -> {
            Index index = readIndex();
            Optional<StoredProfile> sameName = find(index, name);
            if (sameName.isPresent()) {
                boolean sameContent = sameName.get().sha256().equals(hash);
                throw new ProfileStoreException(sameContent ? ProfileStoreException.Kind.ALREADY_IMPORTED
                        : ProfileStoreException.Kind.NAME_TAKEN, sameContent
                        ? "this profile is already imported as \"" + sameName.get().name()
                                + "\"; give the copy another name with --name"
                        : "a profile named \"" + sameName.get().name() + "\" already exists; choose another name"
                                + " with --name");
            }
            String id = newId(index);
            StoredProfile entry = new StoredProfile(id, name, id + ".ovpn", source, clock.instant(), hash,
                    profile.remotes().stream().map(Remote::display).toList(), profile.authentication().summary());
            writer.write(folder.resolve(entry.file()), text.getBytes(StandardCharsets.UTF_8));
            List<StoredProfile> profiles = new ArrayList<>(index.profiles());
            profiles.add(entry);
            writeIndex(new Index(INDEX_VERSION, profiles));
            LOG.info("imported profile \"{}\" from {} ({}, {} warning(s))", entry.name(), source,
                    entry.authentication(), result.warnings().size());
            return new Imported(entry, result.warnings());
        });
    }

    /** Gives a profile a new display name. */
    public StoredProfile rename(String oldName, String newName) throws ProfileStoreException {
        Optional<String> problem = ProfileNames.problem(newName);
        if (problem.isPresent()) {
            throw new ProfileStoreException(ProfileStoreException.Kind.INVALID_NAME, problem.get());
        }
        return locked(() -> {
            Index index = readIndex();
            StoredProfile current = find(index, oldName).orElseThrow(() -> new ProfileStoreException(
                    ProfileStoreException.Kind.NOT_FOUND, "no profile named \"" + oldName + "\""));
            Optional<StoredProfile> clash = find(index, newName);
            if (clash.isPresent() && !clash.get().id().equals(current.id())) {
                throw new ProfileStoreException(ProfileStoreException.Kind.NAME_TAKEN,
                        "a profile named \"" + clash.get().name() + "\" already exists");
            }
            StoredProfile renamed = current.withName(newName);
            LOG.info("renamed profile \"{}\" to \"{}\"", current.name(), newName);
            writeIndex(new Index(INDEX_VERSION, index.profiles().stream()
                    .map(p -> p.id().equals(current.id()) ? renamed : p).toList()));
            return renamed;
        });
    }

    /** Removes a profile and its stored file. */
    public StoredProfile delete(String name) throws ProfileStoreException {
        return locked(() -> {
            Index index = readIndex();
            StoredProfile doomed = find(index, name).orElseThrow(() -> new ProfileStoreException(
                    ProfileStoreException.Kind.NOT_FOUND, "no profile named \"" + name + "\""));
            writeIndex(new Index(INDEX_VERSION, index.profiles().stream()
                    .filter(p -> !p.id().equals(doomed.id())).toList()));
            Files.deleteIfExists(folder.resolve(doomed.file()));
            LOG.info("deleted profile \"{}\"", doomed.name());
            return doomed;
        });
    }

    /** Parses a stored profile again, e.g. before connecting. */
    public ParseResult load(String name) throws ProfileStoreException {
        StoredProfile entry = get(name);
        try {
            byte[] bytes = Files.readAllBytes(folder.resolve(entry.file()));
            return parser.parse(entry.name(), bytes, ReferencedFiles.NONE);
        } catch (IOException e) {
            throw storage("cannot read the stored profile " + folder.resolve(entry.file()), e);
        }
    }

    // ---------------------------------------------------------------- internals

    private static Optional<StoredProfile> find(Index index, String name) {
        String key = ProfileNames.key(name);
        return index.profiles().stream().filter(p -> ProfileNames.key(p.name()).equals(key)).findFirst();
    }

    private String suggestion() {
        try {
            List<StoredProfile> all = readIndex().profiles();
            return all.isEmpty() ? " (no profiles are imported yet)"
                    : " (profiles: " + all.stream().map(StoredProfile::name).collect(Collectors.joining(", ")) + ")";
        } catch (ProfileStoreException e) {
            return "";
        }
    }

    private String newId(Index index) {
        Set<String> taken = index.profiles().stream().map(StoredProfile::id).collect(Collectors.toSet());
        while (true) {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (!taken.contains(id) && !Files.exists(folder.resolve(id + ".ovpn"))) {
                return id;
            }
        }
    }

    private Index readIndex() throws ProfileStoreException {
        Path file = folder.resolve(INDEX);
        if (!Files.exists(file)) {
            return new Index(INDEX_VERSION, List.of());
        }
        try {
            Index index = json.readValue(file.toFile(), Index.class);
            if (index == null) { // the file holds the JSON literal null
                throw new ProfileStoreException(ProfileStoreException.Kind.STORAGE, file + " is damaged: it holds"
                        + " no index");
            }
            if (index.version() != INDEX_VERSION) {
                throw new ProfileStoreException(ProfileStoreException.Kind.STORAGE, file + ": index version "
                        + index.version() + " is not supported by this Corridor version");
            }
            return index;
        } catch (JsonMappingException e) {
            throw new ProfileStoreException(ProfileStoreException.Kind.STORAGE, file + " is damaged at "
                    + JsonPaths.of(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ProfileStoreException(ProfileStoreException.Kind.STORAGE, file + " is damaged: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw storage("cannot read " + file, e);
        }
    }

    private void writeIndex(Index index) throws IOException {
        writer.write(folder.resolve(INDEX), json.writeValueAsBytes(index));
    }

    /** Deletes temp files from interrupted writes and stored files no index entry points to. */
    private void removeLeftovers() throws IOException, ProfileStoreException {
        int temporary = AtomicFileWriter.removeLeftovers(folder);
        if (temporary > 0) {
            LOG.warn("removed {} unfinished temporary file(s) from an interrupted profile change in {}", temporary,
                    folder);
        }
        Set<String> referenced = readIndex().profiles().stream().map(StoredProfile::file).collect(Collectors.toSet());
        try (var files = Files.newDirectoryStream(folder, "*.ovpn")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (STORED_FILE.matcher(fileName).matches() && !referenced.contains(fileName)) {
                    Files.deleteIfExists(file);
                    LOG.warn("removed {}: an interrupted import or delete left it without an index entry", file);
                }
            }
        }
    }

    /** An action that may fail with I/O or a store error, run while holding the store lock. */
    private interface LockedAction<T> {
        T run() throws IOException, ProfileStoreException;
    }

    private <T> T locked(LockedAction<T> action) throws ProfileStoreException {
        Path lockFile = folder.resolve(".lock");
        try {
            // A file lock is held per process: a second thread asking for it gets an
            // OverlappingFileLockException instead of waiting, so threads queue up here first.
            Object inThisProcess = PROCESS_LOCKS.computeIfAbsent(folder.toRealPath(), k -> new Object());
            synchronized (inThisProcess) {
                try (FileChannel channel = OwnerOnly.openLockFile(lockFile);
                     FileLock ignored = channel.lock()) {
                    return action.run();
                }
            }
        } catch (IOException e) {
            throw storage("cannot update the profile store in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static ProfileStoreException storage(String message, Throwable cause) {
        return new ProfileStoreException(ProfileStoreException.Kind.STORAGE, message, cause);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

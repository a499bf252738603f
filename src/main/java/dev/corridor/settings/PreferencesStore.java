package dev.corridor.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corridor.logging.LogLevel;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.JsonPaths;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the preferences in {@code <data folder>/preferences.json}, replaced atomically and owner-only.
 *
 * <pre>
 *   {"version":1,
 *    "reconnectAutomatically":true, "maxReconnectAttempts":10,
 *    "startMinimisedToTray":false, "language":"SYSTEM", "logLevel":"INFO",
 *    "ipv6LeakGuard":"AUTO"}
 * </pre>
 *
 * A missing file or field means the default (a file from before the IPv6 leak guard setting gives
 * {@code AUTO}). A damaged file (not JSON, a wrong type, an unknown language, level or leak guard
 * word, a number out of range) is never overwritten silently: it is renamed to
 * {@code preferences.json.bad}, the defaults are used, and {@link PreferencesLoad#problem()} says
 * where in the JSON the problem was and where the file went. Unknown fields are ignored, so an
 * older Corridor can read a newer file.
 */
public final class PreferencesStore {
    /** The file's name inside the data folder. */
    public static final String FILE_NAME = "preferences.json";
    /** What a damaged file is renamed to (its name plus this suffix). */
    public static final String DAMAGED_SUFFIX = ".bad";
    private static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PreferencesStore.class);

    private final Path file;
    private final AtomicFileWriter writer;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    /** The file's shape; every field may be missing (null), and then the default applies. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileForm(Integer version, Boolean reconnectAutomatically, Integer maxReconnectAttempts,
            Boolean startMinimisedToTray, String language, String logLevel, String ipv6LeakGuard) {
        @JsonCreator
        FileForm(@JsonProperty("version") Integer version,
                @JsonProperty("reconnectAutomatically") Boolean reconnectAutomatically,
                @JsonProperty("maxReconnectAttempts") Integer maxReconnectAttempts,
                @JsonProperty("startMinimisedToTray") Boolean startMinimisedToTray,
                @JsonProperty("language") String language,
                @JsonProperty("logLevel") String logLevel,
                @JsonProperty("ipv6LeakGuard") String ipv6LeakGuard) {
            this.version = version;
            this.reconnectAutomatically = reconnectAutomatically;
            this.maxReconnectAttempts = maxReconnectAttempts;
            this.startMinimisedToTray = startMinimisedToTray;
            this.language = language;
            this.logLevel = logLevel;
            this.ipv6LeakGuard = ipv6LeakGuard;
        }
    }

    /** A store for the preferences of the data folder {@code dataFolder}. */
    public PreferencesStore(Path dataFolder) {
        this(dataFolder, new AtomicFileWriter());
    }

    PreferencesStore(Path dataFolder, AtomicFileWriter writer) {
        this.file = dataFolder.resolve(FILE_NAME);
        this.writer = writer;
    }

    public Path file() {
        return file;
    }

    /** Reads the preferences; never fails: a missing file gives the defaults, a damaged one is moved aside. */
    public PreferencesLoad load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new PreferencesLoad(Preferences.DEFAULTS, Optional.empty());
        } catch (IOException e) {
            // Unreadable (permissions, a folder in its place): leave it alone, say so, use the defaults.
            PreferencesProblem problem = new PreferencesProblem(file, "$", "cannot be read: " + e.getMessage(),
                    Optional.empty());
            LOG.warn("{}", problem.describe());
            return new PreferencesLoad(Preferences.DEFAULTS, Optional.of(problem));
        }
        try {
            return new PreferencesLoad(parse(bytes), Optional.empty());
        } catch (Damaged damaged) {
            PreferencesProblem problem = new PreferencesProblem(file, damaged.path(), damaged.getMessage(), keepAside());
            LOG.warn("{}", problem.describe());
            return new PreferencesLoad(Preferences.DEFAULTS, Optional.of(problem));
        }
    }

    /** Writes {@code preferences}, replacing the file atomically; the file is owner-only. */
    public void save(Preferences preferences) throws IOException {
        FileForm form = new FileForm(VERSION, preferences.reconnectAutomatically(), preferences.maxReconnectAttempts(),
                preferences.startMinimisedToTray(), preferences.language().name(), preferences.logLevel().name(),
                preferences.ipv6LeakGuard().name());
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            OwnerOnly.createFolder(folder);
        }
        writer.write(file, json.writeValueAsBytes(form));
        LOG.info("saved preferences to {}", file);
    }

    /** The preferences in {@code bytes}, or {@link Damaged} naming the JSON path of the first problem. */
    Preferences parse(byte[] bytes) throws Damaged {
        FileForm form;
        try {
            form = json.readValue(bytes, FileForm.class);
        } catch (JsonMappingException e) {
            throw new Damaged(JsonPaths.of(e), firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new Damaged("$", "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Damaged("$", firstLine(e.getMessage()));
        }
        if (form == null) {
            throw new Damaged("$", "the file holds no JSON object");
        }
        if (form.version() != null && form.version() != VERSION) {
            throw new Damaged("$.version", "version " + form.version() + " is not supported by this Corridor");
        }
        Preferences d = Preferences.DEFAULTS;
        int attempts = form.maxReconnectAttempts() == null ? d.maxReconnectAttempts() : form.maxReconnectAttempts();
        if (attempts < 0 || attempts > Preferences.MAX_ATTEMPTS_LIMIT) {
            throw new Damaged("$.maxReconnectAttempts", attempts + " is out of range; use 0 (no limit) to "
                    + Preferences.MAX_ATTEMPTS_LIMIT);
        }
        Language language = d.language();
        if (form.language() != null) {
            language = enumValue(Language.class, form.language())
                    .orElseThrow(() -> new Damaged("$.language", "\"" + form.language()
                            + "\" is not a language; use SYSTEM, ENGLISH or JAPANESE"));
        }
        LogLevel level = d.logLevel();
        if (form.logLevel() != null) {
            level = LogLevel.parse(form.logLevel())
                    .orElseThrow(() -> new Damaged("$.logLevel", "\"" + form.logLevel()
                            + "\" is not a log level; use TRACE, DEBUG, INFO, WARN or ERROR"));
        }
        Ipv6LeakGuard guard = d.ipv6LeakGuard();
        if (form.ipv6LeakGuard() != null) {
            guard = enumValue(Ipv6LeakGuard.class, form.ipv6LeakGuard())
                    .orElseThrow(() -> new Damaged("$.ipv6LeakGuard", "\"" + form.ipv6LeakGuard()
                            + "\" is not an IPv6 leak guard setting; use AUTO, ALWAYS or NEVER"));
        }
        return new Preferences(
                form.reconnectAutomatically() == null ? d.reconnectAutomatically() : form.reconnectAutomatically(),
                attempts,
                form.startMinimisedToTray() == null ? d.startMinimisedToTray() : form.startMinimisedToTray(),
                language, level, guard);
    }

    /** Renames the damaged file to {@code preferences.json.bad}; empty when that fails. */
    private Optional<Path> keepAside() {
        Path bad = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX);
        try {
            Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(bad);
        } catch (IOException e) {
            LOG.warn("could not move the damaged preferences file {} aside: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The file is damaged at {@link #path}. */
    static final class Damaged extends Exception {
        private final String path;

        Damaged(String path, String message) {
            super(message);
            this.path = path;
        }

        String path() {
            return path;
        }
    }
}

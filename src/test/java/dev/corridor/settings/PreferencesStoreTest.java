package dev.corridor.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.logging.LogLevel;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Preferences survive a save and load, and a damaged file is named, kept aside and replaced by defaults. */
class PreferencesStoreTest {
    @TempDir
    Path data;

    @Test
    void aMissingFileGivesTheDefaults() {
        PreferencesLoad load = new PreferencesStore(data).load();
        assertThat(load.preferences()).isEqualTo(Preferences.DEFAULTS);
        assertThat(load.problem()).isEmpty();
    }

    @Test
    void savedPreferencesComeBackAndTheFileIsOwnerOnly() throws IOException {
        PreferencesStore store = new PreferencesStore(data.resolve("fresh"));
        Preferences chosen = new Preferences(false, 0, true, Language.JAPANESE, LogLevel.DEBUG, Ipv6LeakGuard.ALWAYS);
        store.save(chosen);

        assertThat(new PreferencesStore(data.resolve("fresh")).load()).isEqualTo(new PreferencesLoad(chosen, Optional.empty()));
        String json = Files.readString(store.file());
        assertThat(json).contains("\"logLevel\" : \"DEBUG\"", "\"language\" : \"JAPANESE\"", "\"version\" : 1",
                "\"ipv6LeakGuard\" : \"ALWAYS\"");
        if (OwnerOnly.posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        }
    }

    @Test
    void missingAndUnknownFieldsAreTolerated() throws IOException {
        Files.writeString(data.resolve(PreferencesStore.FILE_NAME), "{\"logLevel\":\"warn\",\"fromTheFuture\":[1,2]}");
        PreferencesLoad load = new PreferencesStore(data).load();
        assertThat(load.problem()).isEmpty();
        assertThat(load.preferences()).isEqualTo(Preferences.DEFAULTS.withLogLevel(LogLevel.WARN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"AUTO, AUTO", "ALWAYS, ALWAYS", "NEVER, NEVER", "' never ', NEVER", "always, ALWAYS"})
    void everyLeakGuardSettingComesBack(String written, Ipv6LeakGuard expected) throws IOException {
        Files.writeString(data.resolve(PreferencesStore.FILE_NAME), "{\"ipv6LeakGuard\":\"" + written + "\"}");
        PreferencesLoad load = new PreferencesStore(data).load();
        assertThat(load.problem()).isEmpty();
        assertThat(load.preferences()).isEqualTo(Preferences.DEFAULTS.withIpv6LeakGuard(expected));

        PreferencesStore store = new PreferencesStore(data.resolve("again"));
        store.save(load.preferences());
        assertThat(store.load().preferences().ipv6LeakGuard()).isEqualTo(expected);
    }

    @Test
    void aFileFromBeforeTheLeakGuardSettingKeepsItsValuesAndGetsAuto() throws IOException {
        // exactly what the previous Corridor wrote
        Files.writeString(data.resolve(PreferencesStore.FILE_NAME), """
                {
                  "version" : 1,
                  "reconnectAutomatically" : false,
                  "maxReconnectAttempts" : 3,
                  "startMinimisedToTray" : true,
                  "language" : "JAPANESE",
                  "logLevel" : "WARN"
                }""");
        PreferencesLoad load = new PreferencesStore(data).load();
        assertThat(load.problem()).isEmpty();
        assertThat(load.preferences())
                .isEqualTo(new Preferences(false, 3, true, Language.JAPANESE, LogLevel.WARN, Ipv6LeakGuard.AUTO));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"logLevel\":\"LOUD\"}                          | $.logLevel",
            "{\"language\":\"KLINGON\"}                       | $.language",
            "{\"maxReconnectAttempts\":\"many\"}              | $.maxReconnectAttempts",
            "{\"maxReconnectAttempts\":-1}                    | $.maxReconnectAttempts",
            "{\"reconnectAutomatically\":\"yes\"}             | $.reconnectAutomatically",
            "{\"version\":7}                                  | $.version",
            "{\"ipv6LeakGuard\":\"SOMETIMES\"}                | $.ipv6LeakGuard",
            "{\"ipv6LeakGuard\":true}                         | $.ipv6LeakGuard",
            "{\"ipv6LeakGuard\":[\"AUTO\"]}                   | $.ipv6LeakGuard",
            "{\"logLevel\": \"INFO\",                         | $",
            "null                                             | $",
    })
    void aDamagedFileIsNamedKeptAsBadAndTheDefaultsApply(String content, String path) throws IOException {
        Path file = data.resolve(PreferencesStore.FILE_NAME);
        Files.writeString(file, content);

        PreferencesLoad load = new PreferencesStore(data).load();

        assertThat(load.preferences()).isEqualTo(Preferences.DEFAULTS);
        PreferencesProblem problem = load.problem().orElseThrow();
        assertThat(problem.jsonPath()).isEqualTo(path);
        Path bad = data.resolve("preferences.json.bad");
        assertThat(problem.keptAs()).contains(bad);
        assertThat(Files.readString(bad)).isEqualTo(content);
        assertThat(file).doesNotExist();
        assertThat(problem.describe()).contains(path, "preferences.json.bad", "default");
        // the next load is clean and a save does not touch the kept copy
        assertThat(new PreferencesStore(data).load().problem()).isEmpty();
        new PreferencesStore(data).save(Preferences.DEFAULTS);
        assertThat(Files.readString(bad)).isEqualTo(content);
    }

    @Test
    void outOfRangeValuesAreRefusedInTheRecord() {
        assertThatThrownBy(() -> Preferences.DEFAULTS.withReconnect(true, Preferences.MAX_ATTEMPTS_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReconnectAttempts");
    }

    @Test
    void theSystemLanguageFollowsTheOperatingSystem() {
        assertThat(Language.SYSTEM.locale(Locale.JAPAN)).isEqualTo(Locale.JAPAN);
        assertThat(Language.ENGLISH.locale(Locale.JAPAN)).isEqualTo(Locale.ENGLISH);
        assertThat(Language.JAPANESE.locale(Locale.US)).isEqualTo(Locale.JAPANESE);
    }
}

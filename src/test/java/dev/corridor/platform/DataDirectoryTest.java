package dev.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Checks {@link DataDirectory#resolve} for every platform, the XDG rules and both overrides. */
class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/alice").toAbsolutePath();

    @Nested
    class Linux {
        @Test
        void usesAnAbsoluteXdgDataHome() {
            Path xdg = Path.of("/data/alice-xdg").toAbsolutePath();

            Path folder = DataDirectory.resolve("Linux", Map.of("XDG_DATA_HOME", xdg.toString()), null, HOME);

            assertThat(folder).isEqualTo(xdg.resolve("corridor"));
        }

        @Test
        void ignoresARelativeXdgDataHome() {
            Path folder = DataDirectory.resolve("Linux", Map.of("XDG_DATA_HOME", "relative/share"), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve(".local").resolve("share").resolve("corridor"));
        }

        @Test
        void ignoresABlankXdgDataHome() {
            Path folder = DataDirectory.resolve("Linux", Map.of("XDG_DATA_HOME", "  "), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve(".local").resolve("share").resolve("corridor"));
        }

        @Test
        void defaultsToLocalShareInTheHomeFolder() {
            Path folder = DataDirectory.resolve("Linux", Map.of(), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve(".local/share/corridor"));
        }

        @Test
        void otherUnixLikeSystemsFollowTheLinuxRule() {
            Path folder = DataDirectory.resolve("FreeBSD", Map.of(), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve(".local/share/corridor"));
        }
    }

    @Nested
    class MacOs {
        @Test
        void usesApplicationSupport() {
            Path folder = DataDirectory.resolve("Mac OS X", Map.of(), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve("Library").resolve("Application Support").resolve("Corridor"));
        }

        @Test
        void ignoresXdgDataHome() {
            Path folder = DataDirectory.resolve("Mac OS X", Map.of("XDG_DATA_HOME", "/opt/xdg"), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve("Library/Application Support/Corridor"));
        }
    }

    @Nested
    class Windows {
        @Test
        void usesAppData() {
            Path appData = Path.of("/Users/alice/AppData/Roaming-from-env").toAbsolutePath();

            Path folder = DataDirectory.resolve("Windows 11", Map.of("APPDATA", appData.toString()), null, HOME);

            assertThat(folder).isEqualTo(appData.resolve("Corridor"));
        }

        @Test
        void fallsBackToRoamingInTheHomeFolderWithoutAppData() {
            Path folder = DataDirectory.resolve("Windows 10", Map.of(), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve("AppData").resolve("Roaming").resolve("Corridor"));
        }

        @Test
        void fallsBackWhenAppDataIsBlank() {
            Path folder = DataDirectory.resolve("Windows Server 2022", Map.of("APPDATA", ""), null, HOME);

            assertThat(folder).isEqualTo(HOME.resolve("AppData/Roaming/Corridor"));
        }
    }

    @Nested
    class Overrides {
        private final Path custom = Path.of("/srv/portable/corridor-data").toAbsolutePath();

        @Test
        void thePropertyWinsOverEveryPlatformRule() {
            Map<String, String> environment = Map.of("XDG_DATA_HOME", "/opt/xdg", "APPDATA", "/opt/appdata");

            assertThat(DataDirectory.resolve("Linux", environment, custom.toString(), HOME)).isEqualTo(custom);
            assertThat(DataDirectory.resolve("Mac OS X", environment, custom.toString(), HOME)).isEqualTo(custom);
            assertThat(DataDirectory.resolve("Windows 11", environment, custom.toString(), HOME)).isEqualTo(custom);
        }

        @Test
        void thePropertyWinsOverTheEnvironmentVariable() {
            Map<String, String> environment = Map.of(DataDirectory.OVERRIDE_VARIABLE, "/from/environment");

            assertThat(DataDirectory.resolve("Linux", environment, custom.toString(), HOME)).isEqualTo(custom);
        }

        @Test
        void theEnvironmentVariableWinsOverThePlatformRule() {
            Map<String, String> environment = Map.of(DataDirectory.OVERRIDE_VARIABLE, custom.toString(),
                    "XDG_DATA_HOME", "/opt/xdg", "APPDATA", "/opt/appdata");

            assertThat(DataDirectory.resolve("Linux", environment, null, HOME)).isEqualTo(custom);
            assertThat(DataDirectory.resolve("Mac OS X", environment, null, HOME)).isEqualTo(custom);
            assertThat(DataDirectory.resolve("Windows 11", environment, null, HOME)).isEqualTo(custom);
        }

        @Test
        void aRelativeOverrideIsMadeAbsolute() {
            Path folder = DataDirectory.resolve("Linux", Map.of(), "relative-data", HOME);

            assertThat(folder).isAbsolute().isEqualTo(Path.of("relative-data").toAbsolutePath());
        }

        @Test
        void blankOverridesAreIgnored() {
            Path folder = DataDirectory.resolve("Linux", Map.of(DataDirectory.OVERRIDE_VARIABLE, " "), "", HOME);

            assertThat(folder).isEqualTo(HOME.resolve(".local/share/corridor"));
        }

        @Test
        void currentHonoursTheSystemProperty() {
            String previous = System.getProperty(DataDirectory.OVERRIDE_PROPERTY);
            System.setProperty(DataDirectory.OVERRIDE_PROPERTY, custom.toString());
            try {
                assertThat(DataDirectory.current()).isEqualTo(custom);
            } finally {
                if (previous == null) {
                    System.clearProperty(DataDirectory.OVERRIDE_PROPERTY);
                } else {
                    System.setProperty(DataDirectory.OVERRIDE_PROPERTY, previous);
                }
            }
        }
    }
}

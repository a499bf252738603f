package dev.corridor.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the per-user folder where Corridor keeps profiles, settings and logs.
 *
 * <pre>
 *   override   CORRIDOR_HOME (environment) or -Dcorridor.home   (tests, portable installs)
 *   Linux      $XDG_DATA_HOME/corridor, else ~/.local/share/corridor
 *   macOS      ~/Library/Application Support/Corridor
 *   Windows    %APPDATA%\Corridor, else ~\AppData\Roaming\Corridor
 * </pre>
 *
 * <p>The rule is a pure function of the OS name, the environment and the home folder so that
 * every platform's answer is unit-tested on any platform.
 */
public final class DataDirectory {
    public static final String OVERRIDE_PROPERTY = "corridor.home";
    public static final String OVERRIDE_VARIABLE = "CORRIDOR_HOME";

    private DataDirectory() {}

    /** The folder for the current user on the running platform. */
    public static Path current() {
        return resolve(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty(OVERRIDE_PROPERTY), Path.of(System.getProperty("user.home")));
    }

    /** The folder for the given platform facts; {@code override} wins when it is set. */
    public static Path resolve(String osName, Map<String, String> environment, String override, Path userHome) {
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String fromEnvironment = environment.get(OVERRIDE_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = appData != null && !appData.isBlank()
                    ? Path.of(appData) : userHome.resolve("AppData").resolve("Roaming");
            return base.resolve("Corridor");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Corridor");
        }
        String xdg = environment.get("XDG_DATA_HOME");
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : userHome.resolve(".local").resolve("share");
        return base.resolve("corridor");
    }
}

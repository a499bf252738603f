package dev.corridor.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this Corridor build, as Maven stamped it into the jar. */
public final class CorridorVersion {
    private static final String VERSION = load();

    private CorridorVersion() {}

    /** For example {@code 0.1.0}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = CorridorVersion.class.getResourceAsStream("/dev/corridor/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("version.properties was not filtered by the build");
            }
            return version;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read version.properties", e);
        }
    }
}

package dev.corridor.net.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells whether this process may change routes, addresses and DNS: on Linux the effective capability
 * set must hold CAP_NET_ADMIN (root has it); on macOS the user must be root. On Windows the check is
 * left to the commands themselves, which fail with "The requested operation requires elevation".
 */
public final class NetworkPrivileges {
    /** The bit of CAP_NET_ADMIN in /proc/self/status's CapEff mask. */
    private static final int CAP_NET_ADMIN = 12;

    private NetworkPrivileges() {}

    /** Empty when this process may change the host network, otherwise what it lacks. */
    public static Optional<String> missing() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return Optional.empty();
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "root".equals(System.getProperty("user.name")) ? Optional.empty()
                    : Optional.of("root (run it with sudo)");
        }
        try {
            return hasNetAdmin(Files.readString(Path.of("/proc/self/status"))) ? Optional.empty()
                    : Optional.of("root or CAP_NET_ADMIN (run it with sudo)");
        } catch (IOException e) {
            return Optional.empty(); // cannot tell: let the commands report it
        }
    }

    /** True when the CapEff line of a /proc/PID/status text includes CAP_NET_ADMIN. */
    static boolean hasNetAdmin(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                long mask = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                return (mask >>> CAP_NET_ADMIN & 1) == 1;
            }
        }
        return false;
    }
}

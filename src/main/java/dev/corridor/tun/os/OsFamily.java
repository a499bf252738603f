package dev.corridor.tun.os;

import java.util.Locale;

/** The operating systems that have a TUN backend, told apart by the {@code os.name} system property. */
enum OsFamily {
    LINUX, MACOS, WINDOWS, UNSUPPORTED;

    /** The family for an {@code os.name} value such as "Linux", "Mac OS X" or "Windows 11". */
    static OsFamily of(String osName) {
        String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return LINUX;
        }
        if (name.startsWith("mac os x") || name.startsWith("darwin")) {
            return MACOS;
        }
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return UNSUPPORTED;
    }

    /** This JVM's family. */
    static OsFamily current() {
        return of(System.getProperty("os.name"));
    }
}

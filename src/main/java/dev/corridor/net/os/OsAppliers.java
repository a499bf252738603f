package dev.corridor.net.os;

import dev.corridor.net.NetworkApplier;
import java.nio.file.Path;
import java.util.Locale;

/** Picks the {@link NetworkApplier} for the running operating system. */
public final class OsAppliers {
    private OsAppliers() {}

    /** The applier for this machine, running real commands. */
    public static NetworkApplier forThisMachine() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        SystemCommandRunner runner = new SystemCommandRunner();
        if (os.startsWith("windows")) {
            return new WindowsApplier(runner);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new MacosApplier(runner);
        }
        return new LinuxApplier(runner, Path.of("/etc/resolv.conf"));
    }
}

package dev.corridor.cli;

/**
 * Runs an action when the process receives SIGHUP, the Unix way to tell a daemon to re-read its
 * configuration. Java has no public signal API; {@code sun.misc.Signal} (module jdk.unsupported)
 * is the documented-by-use way servers such as this do it. Where the platform has no SIGHUP
 * (Windows) nothing is installed and {@code corridor server reload} remains.
 */
final class ReloadSignal {
    private ReloadSignal() {}

    @SuppressWarnings("removal")
    static void install(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> new Thread(action, "corridor-server-reload")
                    .start());
        } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform
        }
    }
}

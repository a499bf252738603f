package dev.corridor.cli.demo;

/** One running demo endpoint server: in this process, or a child process in the lab's server namespace. */
public sealed interface DemoServer permits InProcessServer, NamespaceServer {
    /** Asks the server to stop without waiting, so that several stop side by side; {@link #stop} then waits. */
    default void beginStop() {
    }

    /** Stops the server; safe to call twice. */
    void stop();
}

package dev.corridor.client;

/** What the engine tells the window and the CLI; delivered on the engine's thread, in order. */
public sealed interface ConnectionEvent {

    /** The state changed; {@code detail} says why or to where ("udp 198.18.0.2:1194"). */
    record StateChanged(ConnectionState state, String detail) implements ConnectionEvent {}

    /** The tunnel is up with these settings. */
    record Connected(TunnelSettings settings) implements ConnectionEvent {}

    /** Text the server wants shown to the user (login banner, INFO messages); new sessions only. */
    record Banner(String text) implements ConnectionEvent {}

    /**
     * An {@code auth-federate} sign-in waits for the user to sign in at the IdP in a browser;
     * {@code browserOpened} is false when no browser could be started, so the URL must be shown
     * for the user to open by hand. The URL carries the AuthnRequest and is no secret.
     */
    record BrowserSignIn(String url, boolean browserOpened) implements ConnectionEvent {}

    /** The server refused the credentials; {@code reason} is the server's text when it gave one. */
    record AuthenticationFailed(String reason) implements ConnectionEvent {}

    /** One attempt failed; the engine may retry. */
    record AttemptFailed(String reason, boolean willRetry) implements ConnectionEvent {}

    /**
     * The connection ended for good: asked to, refused, halted by the server, or out of retries.
     * {@code ending} says which of those, for exit codes and the window.
     */
    record Disconnected(String reason, Ending ending) implements ConnectionEvent {
        public Disconnected(String reason, boolean error) {
            this(reason, error ? Ending.FAILED : Ending.REQUESTED);
        }

        /** True unless the user (or the program) asked to disconnect. */
        public boolean error() {
            return ending != Ending.REQUESTED;
        }
    }

    /** How a connection ended. */
    enum Ending {
        /** {@code disconnect()} was called, or the user declined to give credentials. */
        REQUESTED,
        /** The server sent HALT (or RESTART with the halt flag / an exit notification that forbids reconnecting). */
        SERVER_HALT,
        /** Refused, out of retries, or a fatal error. */
        FAILED
    }
}

package dev.corridor.ui;

import dev.corridor.client.ConnectionState;

/**
 * The state line's words: the engine's nine states shown as the five a user cares about.
 *
 * <pre>
 *   DISCONNECTED                                   ─► Disconnected
 *   RESOLVING CONNECTING TLS_HANDSHAKE
 *   AUTHENTICATING GETTING_CONFIGURATION           ─► Connecting
 *   WAITING_FOR_USER  (a browser sign-in is open)  ─► Waiting for browser sign-in
 *   WAITING_FOR_USER  (a dialog asks)              ─► Waiting for your sign-in
 *   CONNECTED                                      ─► Connected
 *   RECONNECTING                                   ─► Reconnecting
 * </pre>
 */
final class StatusWords {
    private StatusWords() {}

    static String of(Texts t, ConnectionState state, boolean browserWaiting) {
        if (state == ConnectionState.DISCONNECTED) {
            return t.get("state.disconnected");
        }
        if (state == ConnectionState.CONNECTED) {
            return t.get("state.connected");
        }
        if (state == ConnectionState.RECONNECTING) {
            return t.get("state.reconnecting");
        }
        if (state == ConnectionState.WAITING_FOR_USER) {
            return browserWaiting ? t.get("state.waiting-browser") : t.get("state.waiting-user");
        }
        return t.get("state.connecting");
    }
}

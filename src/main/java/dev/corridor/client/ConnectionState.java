package dev.corridor.client;

/**
 * Where a connection is in its life, as the window and the CLI show it.
 *
 * <pre>
 *  DISCONNECTED ─connect─► RESOLVING ─► CONNECTING ─► TLS_HANDSHAKE ─► AUTHENTICATING
 *        ▲                                                               │
 *        │                        WAITING_FOR_USER ◄── credentials / challenge needed
 *        │                                                               ▼
 *        ├──── disconnect / HALT / gave up ◄── RECONNECTING ◄── CONNECTED ◄── GETTING_CONFIGURATION
 *        │                                     (ping-restart, RESTART, network error, retry)
 * </pre>
 */
public enum ConnectionState {
    DISCONNECTED,
    RESOLVING,
    CONNECTING,
    TLS_HANDSHAKE,
    AUTHENTICATING,
    WAITING_FOR_USER,
    GETTING_CONFIGURATION,
    CONNECTED,
    RECONNECTING
}

package dev.corridor.protocol.session;

import dev.corridor.protocol.keys.Key2;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.tls.TlsSessionInfo;

/** What a control session tells its owner: progress, new data-channel keys, messages and failures. */
public sealed interface SessionEvent {

    /** The peer answered our reset: the server is there and speaks OpenVPN. */
    record PeerReached(int keyId) implements SessionEvent {}

    /** The TLS handshake of key state {@code keyId} completed. */
    record TlsEstablished(int keyId, TlsSessionInfo info) implements SessionEvent {}

    /** Both key-method-2 messages of key state {@code keyId} were exchanged. */
    record KeyExchangeComplete(int keyId) implements SessionEvent {}

    /**
     * Data-channel keys for {@code keyId} are ready; the owner builds sealer and opener from them and
     * switches sending to this key. The owner must wipe {@code key2} once it has built them.
     */
    record DataKeysReady(int keyId, Key2 key2, KeyDerivation derivation) implements SessionEvent {}

    /** A control message arrived (PUSH_REPLY part, AUTH_FAILED, RESTART, HALT, INFO, ...). */
    record MessageReceived(ControlMessage message) implements SessionEvent {}

    /** A key state began renegotiating; {@code byPeer} tells who asked. */
    record RenegotiationStarted(int keyId, boolean byPeer) implements SessionEvent {}

    /** Key state {@code keyId} was superseded long enough ago that its data keys can be dropped. */
    record KeyRetired(int keyId) implements SessionEvent {}

    /** The session cannot go on; the owner tears it down and may reconnect. */
    record Failed(FailureKind kind, String message) implements SessionEvent {}

    /** Why a session failed. */
    enum FailureKind {
        /** TLS refused: certificate checks, alerts, protocol errors (the message says which). */
        TLS,
        /** The handshake did not finish within hand-window. */
        HANDSHAKE_TIMEOUT,
        /** The peer broke the key-method-2 exchange. */
        KEY_EXCHANGE,
        /** Keys could not be derived (e.g. TLS-EKM asked for but not exportable). */
        KEY_DERIVATION
    }
}

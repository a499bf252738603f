package dev.corridor.protocol.session;

import dev.corridor.protocol.keys.Key2;
import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.tls.TlsSessionInfo;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a server control session tells its owner: the client's credentials to judge, its request for
 * settings, new data-channel keys and when to send with them, messages, and failures.
 *
 * <pre>
 *   key 0:   TlsEstablished ─► ClientAuthenticationRequested ─(owner: accept)─► PushRequested
 *            ─(owner: sendPushReply)─► DataKeysReady ─(client acked the reply)─► KeyConfirmed
 *   key k>0: RenegotiationStarted ─► TlsEstablished ─► ClientAuthenticationRequested
 *            ─(owner: accept)─► DataKeysReady ─(client acked our key-method 2)─► KeyConfirmed
 *            ... 60 s later the superseded key ─► KeyRetired
 * </pre>
 */
public sealed interface ServerSessionEvent {

    /** The TLS handshake of key state {@code keyId} completed. */
    record TlsEstablished(int keyId, TlsSessionInfo info) implements ServerSessionEvent {
        public TlsEstablished {
            Objects.requireNonNull(info, "info");
        }
    }

    /**
     * The client's key-method-2 message of key state {@code keyId} arrived (our own reply is already
     * on its way): judge the credentials and answer with {@link ServerControlSession#accept} or
     * {@link ServerControlSession#reject}. Fires again on every renegotiation, where a client that
     * was pushed an auth-token sends it as the password.
     *
     * @param keyId               the key state waiting for the answer (0 on connect, 1..7 on renegotiations)
     * @param username            "" when the client sent none
     * @param password            the password characters; the owner wipes them with {@link #wipePassword()}
     * @param peerInfo            the client's peer-info text, for {@code PeerInfo.parse}
     * @param options             the client's OCC options string
     * @param framing             how the client framed its message (AWS framing for SAML clients)
     * @param clientCertificateCn the common name of the client's verified certificate, if it sent one
     */
    record ClientAuthenticationRequested(int keyId, String username, char[] password, String peerInfo,
            String options, KeyMethod2Framing framing, Optional<String> clientCertificateCn)
            implements ServerSessionEvent {
        public ClientAuthenticationRequested {
            Objects.requireNonNull(username, "username");
            password = password.clone();
            Objects.requireNonNull(peerInfo, "peerInfo");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(framing, "framing");
            Objects.requireNonNull(clientCertificateCn, "clientCertificateCn");
        }

        /** A copy of the password; wipe it after use. */
        @Override
        public char[] password() {
            return password.clone();
        }

        /** True when the client sent a non-empty password. */
        public boolean hasPassword() {
            return password.length > 0;
        }

        /** Zeroes this event's copy of the password. */
        public void wipePassword() {
            Arrays.fill(password, '\0');
        }

        /** True on a renegotiation (the credentials are usually an auth-token then). */
        public boolean renegotiation() {
            return keyId != 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ClientAuthenticationRequested that && keyId == that.keyId
                    && username.equals(that.username) && Arrays.equals(password, that.password)
                    && peerInfo.equals(that.peerInfo) && options.equals(that.options) && framing == that.framing
                    && clientCertificateCn.equals(that.clientCertificateCn);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyId, username, peerInfo, options, framing, clientCertificateCn);
        }

        /** Everything but the password. */
        @Override
        public String toString() {
            return "ClientAuthenticationRequested[keyId=" + keyId + ", username=" + username + ", password="
                    + (password.length > 0 ? "[redacted]" : "<none>") + ", peerInfo=" + peerInfo.replace("\n", "\\n")
                    + ", options=" + options + ", framing=" + framing + ", clientCertificateCn="
                    + clientCertificateCn.orElse("<none>") + "]";
        }
    }

    /**
     * The client asked for its settings (PUSH_REQUEST) and has been accepted: answer with
     * {@link ServerControlSession#sendPushReply}. Fires once per session; the client's resends are
     * absorbed.
     */
    record PushRequested(int keyId) implements ServerSessionEvent {}

    /**
     * Data-channel keys for {@code keyId} are ready. Install them for <em>receiving</em> now (the client
     * may already send with them); keep <em>sending</em> with the current key until
     * {@link KeyConfirmed} for this id. Build the server's half with
     * {@code DataKeys.fromKey2(key2.bytes(), Role.SERVER)}, then wipe {@code key2}.
     */
    record DataKeysReady(int keyId, Key2 key2, KeyDerivation derivation) implements ServerSessionEvent {
        public DataKeysReady {
            Objects.requireNonNull(key2, "key2");
            Objects.requireNonNull(derivation, "derivation");
        }
    }

    /**
     * The client has acknowledged everything it needs to derive key {@code keyId} (our key-method-2
     * message, or for key 0 the PUSH_REPLY), so it holds the key: switch sending to it. Older keys
     * stay valid for receiving until {@link KeyRetired}.
     */
    record KeyConfirmed(int keyId) implements ServerSessionEvent {}

    /** Key {@code keyId} was superseded long enough ago: forget its data-channel keys. */
    record KeyRetired(int keyId) implements ServerSessionEvent {}

    /** A control message other than PUSH_REQUEST arrived (CR_RESPONSE, EXIT, ...). */
    record MessageReceived(ControlMessage message) implements ServerSessionEvent {
        public MessageReceived {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A key state began renegotiating; {@code byPeer} tells whether the client asked. */
    record RenegotiationStarted(int keyId, boolean byPeer) implements ServerSessionEvent {}

    /** The session is over; the owner forgets it (and its data-channel keys). */
    record Failed(FailureKind kind, String message) implements ServerSessionEvent {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a server session ended. */
    enum FailureKind {
        /** TLS refused: the client's certificate, alerts, protocol errors (the message says which). */
        TLS,
        /** A key state did not complete its key exchange within hand-window. */
        HANDSHAKE_TIMEOUT,
        /** The client broke the key-method-2 exchange. */
        KEY_EXCHANGE,
        /** Keys could not be derived (TLS-EKM chosen but the TLS session cannot export keys). */
        KEY_DERIVATION,
        /** The owner rejected the client; AUTH_FAILED was sent (and acknowledged, or given up on). */
        AUTHENTICATION_REJECTED
    }
}

package dev.corridor.protocol.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One control-channel packet as its fields, independent of how it is wrapped on the wire
 * (plain, tls-auth or tls-crypt).
 *
 * <pre>
 *   opcode, keyId      first byte: opcode &lt;&lt; 3 | keyId (any control opcode, never DATA_*)
 *   sessionId          the sender's own session id
 *   acks               0..8 message ids (uint32) the sender acknowledges; ACK_V1 needs at least one
 *   peerSessionId      the receiver's session id; present exactly when acks is not empty
 *   messageId          uint32 sequence number of the reliable layer; absent exactly for ACK_V1
 *   payload            TLS bytes (CONTROL_V1), usually empty for resets, always empty for ACK_V1
 * </pre>
 *
 * The constructor enforces these rules, so a {@code ControlPacket} always encodes. The payload is
 * copied in and out; {@link #toString()} shows its length only.
 */
public record ControlPacket(Opcode opcode, int keyId, SessionId sessionId, List<Long> acks,
        Optional<SessionId> peerSessionId, OptionalLong messageId, byte[] payload) {

    /** Most acknowledgements one ack record can hold (RELIABLE_ACK_SIZE). */
    public static final int MAX_ACKS = 8;
    /** Largest message id or acked id (uint32). */
    public static final long MAX_MESSAGE_ID = 0xFFFF_FFFFL;

    public ControlPacket {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(peerSessionId, "peerSessionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(payload, "payload");
        if (opcode.isData()) {
            throw new IllegalArgumentException(opcode + " is a data-channel opcode");
        }
        if (keyId < 0 || keyId > Opcode.MAX_KEY_ID) {
            throw new IllegalArgumentException("key id must be 0..7, was " + keyId);
        }
        acks = List.copyOf(acks);
        if (acks.size() > MAX_ACKS) {
            throw new IllegalArgumentException("at most 8 acks fit in a packet, not " + acks.size());
        }
        for (long id : acks) {
            requireUint32(id, "acked id");
        }
        if (acks.isEmpty() == peerSessionId.isPresent()) {
            throw new IllegalArgumentException("the peer session id is present exactly when there are acks");
        }
        if (opcode == Opcode.ACK_V1) {
            if (acks.isEmpty()) {
                throw new IllegalArgumentException("an ACK_V1 packet acknowledges at least one id");
            }
            if (messageId.isPresent() || payload.length > 0) {
                throw new IllegalArgumentException("an ACK_V1 packet has no message id and no payload");
            }
        } else {
            if (messageId.isEmpty()) {
                throw new IllegalArgumentException(opcode + " needs a message id");
            }
            requireUint32(messageId.getAsLong(), "message id");
        }
        payload = payload.clone();
    }

    /** A standalone acknowledgement (P_ACK_V1) of {@code acks}, sent to the session {@code peer}. */
    public static ControlPacket ack(int keyId, SessionId own, List<Long> acks, SessionId peer) {
        return new ControlPacket(Opcode.ACK_V1, keyId, own, acks, Optional.of(peer), OptionalLong.empty(),
                new byte[0]);
    }

    /**
     * A packet with a message id; {@code peer} must be present exactly when {@code acks} is not
     * empty.
     */
    public static ControlPacket message(Opcode opcode, int keyId, SessionId own, List<Long> acks,
            Optional<SessionId> peer, long messageId, byte[] payload) {
        return new ControlPacket(opcode, keyId, own, acks, peer, OptionalLong.of(messageId), payload);
    }

    /** A packet with a message id that acknowledges nothing, such as the client's first reset. */
    public static ControlPacket message(Opcode opcode, int keyId, SessionId own, long messageId, byte[] payload) {
        return message(opcode, keyId, own, List.of(), Optional.empty(), messageId, payload);
    }

    private static void requireUint32(long value, String what) {
        if (value < 0 || value > MAX_MESSAGE_ID) {
            throw new IllegalArgumentException(what + " must be a uint32, was " + value);
        }
    }

    /** A copy of the payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload length, without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    /** Copies the payload into {@code target} at {@code offset}. */
    void copyPayloadTo(byte[] target, int offset) {
        System.arraycopy(payload, 0, target, offset, payload.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ControlPacket that
                && opcode == that.opcode
                && keyId == that.keyId
                && sessionId.equals(that.sessionId)
                && acks.equals(that.acks)
                && peerSessionId.equals(that.peerSessionId)
                && messageId.equals(that.messageId)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opcode, keyId, sessionId, acks, peerSessionId, messageId, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "ControlPacket[" + opcode + " key " + keyId + ", sid " + sessionId
                + (acks.isEmpty() ? "" : ", acks " + acks + " for " + peerSessionId.orElseThrow())
                + (messageId.isPresent() ? ", msg " + messageId.getAsLong() : "")
                + ", " + payload.length + " payload bytes]";
    }
}

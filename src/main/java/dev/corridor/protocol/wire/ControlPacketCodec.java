package dev.corridor.protocol.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Encodes and decodes control packets in the plain layout (no tls-auth, no tls-crypt), and the
 * "body" that the tls-auth and tls-crypt wrappers put after their own header.
 *
 * <pre>
 *   plain layout (protocol.md 1.2), big-endian:
 *   off  size  field
 *   0    1     opcode &lt;&lt; 3 | keyId                  \ header: op + own session id
 *   1    8     own session id (sender's)              /
 *   9    1     n = ack count, 0..8 (ACK_V1: 1..8)     \
 *   10   4*n   acked message ids, uint32 each          |
 *   ..   8     peer session id      (only if n &gt; 0)    |  body
 *   ..   4     message id           (not in ACK_V1)    |
 *   ..   *     payload              (not in ACK_V1)   /
 * </pre>
 *
 * Bytes after the ack record of an ACK_V1 packet are ignored, as OpenVPN 2.x ignores them.
 * Decoding never throws: bad bytes give {@link Decoded.Malformed}.
 */
public final class ControlPacketCodec {
    /** Opcode byte plus own session id. */
    public static final int HEADER_LENGTH = 1 + SessionId.LENGTH;
    /** Length of one acked id or a message id. */
    public static final int ID_LENGTH = 4;

    private ControlPacketCodec() {}

    /** The packet in the plain layout. */
    public static byte[] encode(ControlPacket packet) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + bodyLength(packet));
        out.put(packet.opcode().firstByte(packet.keyId()));
        packet.sessionId().writeTo(out);
        writeBody(packet, out);
        return out.array();
    }

    /** Decodes a whole plain-layout packet. */
    public static Decoded<ControlPacket> decode(byte[] packet) {
        return decode(packet, 0, packet.length);
    }

    /** Decodes the plain-layout packet in {@code source[offset, offset + length)}. */
    public static Decoded<ControlPacket> decode(byte[] source, int offset, int length) {
        if (offset < 0 || length < 0 || offset > source.length - length) {
            return Decoded.malformed("packet outside the buffer");
        }
        if (length < 1) {
            return Decoded.malformed("empty packet");
        }
        Optional<Opcode> opcode = Opcode.fromByte(source[offset]);
        if (opcode.isEmpty()) {
            return Decoded.malformed("unknown opcode " + ((source[offset] & 0xFF) >>> Opcode.KEY_ID_BITS));
        }
        if (opcode.get().isData()) {
            return Decoded.malformed("not a control packet: " + opcode.get());
        }
        if (length < HEADER_LENGTH) {
            return Decoded.malformed("shorter than opcode and session id");
        }
        SessionId sessionId = SessionId.read(source, offset + 1);
        return decodeBody(opcode.get(), Opcode.keyIdOf(source[offset]), sessionId, source, offset + HEADER_LENGTH,
                length - HEADER_LENGTH);
    }

    /** Bytes of the body: ack record, message id and payload. */
    public static int bodyLength(ControlPacket packet) {
        return ackRecordLength(packet.acks().size())
                + (packet.messageId().isPresent() ? ID_LENGTH : 0)
                + packet.payloadLength();
    }

    /** Bytes of an ack record holding {@code ackCount} ids (ACK_SIZE in 2.x). */
    public static int ackRecordLength(int ackCount) {
        return 1 + ID_LENGTH * ackCount + (ackCount > 0 ? SessionId.LENGTH : 0);
    }

    /** The body alone: {@code n | acks | peer session id | message id | payload}. */
    public static byte[] encodeBody(ControlPacket packet) {
        ByteBuffer out = ByteBuffer.allocate(bodyLength(packet));
        writeBody(packet, out);
        return out.array();
    }

    /** Writes the body at the buffer's position; the buffer has {@link #bodyLength} bytes left. */
    public static void writeBody(ControlPacket packet, ByteBuffer out) {
        out.put((byte) packet.acks().size());
        for (long id : packet.acks()) {
            out.putInt((int) id);
        }
        packet.peerSessionId().ifPresent(peer -> peer.writeTo(out));
        packet.messageId().ifPresent(id -> out.putInt((int) id));
        byte[] array = out.array();
        int at = out.arrayOffset() + out.position();
        packet.copyPayloadTo(array, at);
        out.position(out.position() + packet.payloadLength());
    }

    /**
     * Decodes a body that followed a header with this opcode, key id and session id; the wrappers
     * call this after they have checked their own fields.
     */
    public static Decoded<ControlPacket> decodeBody(Opcode opcode, int keyId, SessionId sessionId, byte[] source,
            int offset, int length) {
        if (opcode.isData()) {
            return Decoded.malformed("not a control packet: " + opcode);
        }
        if (offset < 0 || length < 0 || offset > source.length - length) {
            return Decoded.malformed("body outside the buffer");
        }
        int at = offset;
        int end = offset + length;
        if (end - at < 1) {
            return Decoded.malformed("no ack count");
        }
        int ackCount = source[at++] & 0xFF;
        if (ackCount > ControlPacket.MAX_ACKS) {
            return Decoded.malformed("ack count " + ackCount + " is above 8");
        }
        if (opcode == Opcode.ACK_V1 && ackCount == 0) {
            return Decoded.malformed("ACK_V1 without acks");
        }
        if (end - at < ackCount * ID_LENGTH) {
            return Decoded.malformed("truncated ack list");
        }
        List<Long> acks = new ArrayList<>(ackCount);
        for (int i = 0; i < ackCount; i++) {
            acks.add(readUint32(source, at));
            at += ID_LENGTH;
        }
        Optional<SessionId> peer = Optional.empty();
        if (ackCount > 0) {
            if (end - at < SessionId.LENGTH) {
                return Decoded.malformed("truncated peer session id");
            }
            peer = Optional.of(SessionId.read(source, at));
            at += SessionId.LENGTH;
        }
        if (opcode == Opcode.ACK_V1) {
            return Decoded.ok(new ControlPacket(opcode, keyId, sessionId, acks, peer, OptionalLong.empty(),
                    new byte[0]));
        }
        if (end - at < ID_LENGTH) {
            return Decoded.malformed("truncated message id");
        }
        long messageId = readUint32(source, at);
        at += ID_LENGTH;
        byte[] payload = new byte[end - at];
        System.arraycopy(source, at, payload, 0, payload.length);
        return Decoded.ok(new ControlPacket(opcode, keyId, sessionId, acks, peer, OptionalLong.of(messageId),
                payload));
    }

    static long readUint32(byte[] source, int offset) {
        return ((source[offset] & 0xFFL) << 24) | ((source[offset + 1] & 0xFFL) << 16)
                | ((source[offset + 2] & 0xFFL) << 8) | (source[offset + 3] & 0xFFL);
    }
}

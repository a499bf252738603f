package dev.corridor.protocol.wire;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the first byte of a received packet says (opcode and key id), read without decoding the rest,
 * so that a receiver can send data packets to the data channel and everything else to the session.
 *
 * <pre>
 *   byte 0                      DATA_V2 only: bytes 1..3
 *   +----------+-------+        +------------------------+
 *   |  opcode  | keyId |        |  peer id (24 bits, BE) |
 *   +----------+-------+        +------------------------+
 * </pre>
 *
 * @param opcode the opcode in the high five bits
 * @param keyId  the key id in the low three bits
 */
public record PacketPeek(Opcode opcode, int keyId) {

    /** Length of the DATA_V2 header: opcode byte plus 3-byte peer id. */
    public static final int DATA_V2_HEADER_LENGTH = 4;

    /** The opcode and key id of a whole packet, or empty if it is empty or its opcode is unknown. */
    public static Optional<PacketPeek> of(byte[] packet) {
        return of(packet, 0, packet.length);
    }

    /** As {@link #of(byte[])} for the packet in {@code source[offset, offset + length)}. */
    public static Optional<PacketPeek> of(byte[] source, int offset, int length) {
        if (offset < 0 || length < 1 || offset > source.length - length) {
            return Optional.empty();
        }
        byte first = source[offset];
        return Opcode.fromByte(first).map(opcode -> new PacketPeek(opcode, Opcode.keyIdOf(first)));
    }

    /** The 24-bit peer id of a DATA_V2 packet, or empty if the packet is not a (long enough) DATA_V2. */
    public static OptionalInt dataV2PeerId(byte[] source, int offset, int length) {
        Optional<PacketPeek> peek = of(source, offset, length);
        if (peek.isEmpty() || peek.get().opcode() != Opcode.DATA_V2 || length < DATA_V2_HEADER_LENGTH) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((source[offset + 1] & 0xFF) << 16 | (source[offset + 2] & 0xFF) << 8
                | (source[offset + 3] & 0xFF));
    }

    /** True when the packet belongs to the data channel. */
    public boolean isData() {
        return opcode.isData();
    }

    /** True when the packet belongs to the control channel. */
    public boolean isControl() {
        return opcode.isControl();
    }
}

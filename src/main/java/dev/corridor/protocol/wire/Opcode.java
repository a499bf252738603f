package dev.corridor.protocol.wire;

import java.util.Optional;

/**
 * The OpenVPN packet opcodes: the high five bits of every packet's first byte.
 *
 * <pre>
 *    bit  7 6 5 4 3 | 2 1 0
 *        +----------+-------+
 *        |  opcode  | keyId |     first byte = opcode &lt;&lt; 3 | keyId
 *        +----------+-------+
 *
 *   value  name                           first byte with keyId 0
 *     1    CONTROL_HARD_RESET_CLIENT_V1   0x08  (obsolete, 2.x rejects it)
 *     2    CONTROL_HARD_RESET_SERVER_V1   0x10  (obsolete, 2.x rejects it)
 *     3    CONTROL_SOFT_RESET_V1          0x18
 *     4    CONTROL_V1                     0x20
 *     5    ACK_V1                         0x28
 *     6    DATA_V1                        0x30
 *     7    CONTROL_HARD_RESET_CLIENT_V2   0x38
 *     8    CONTROL_HARD_RESET_SERVER_V2   0x40
 *     9    DATA_V2                        0x48
 *    10    CONTROL_HARD_RESET_CLIENT_V3   0x50  (tls-crypt-v2)
 *    11    CONTROL_WKC_V1                 0x58  (tls-crypt-v2)
 * </pre>
 */
public enum Opcode {
    CONTROL_HARD_RESET_CLIENT_V1(1),
    CONTROL_HARD_RESET_SERVER_V1(2),
    CONTROL_SOFT_RESET_V1(3),
    CONTROL_V1(4),
    ACK_V1(5),
    DATA_V1(6),
    CONTROL_HARD_RESET_CLIENT_V2(7),
    CONTROL_HARD_RESET_SERVER_V2(8),
    DATA_V2(9),
    CONTROL_HARD_RESET_CLIENT_V3(10),
    CONTROL_WKC_V1(11);

    /** Number of low bits of the first byte that hold the key id. */
    public static final int KEY_ID_BITS = 3;
    /** Mask for the key id in the first byte. */
    public static final int KEY_ID_MASK = 0x07;
    /** Highest key id (key ids wrap from 7 to 1, never back to 0). */
    public static final int MAX_KEY_ID = 7;

    private static final Opcode[] BY_VALUE = new Opcode[32];

    static {
        for (Opcode opcode : values()) {
            BY_VALUE[opcode.value] = opcode;
        }
    }

    private final int value;

    Opcode(int value) {
        this.value = value;
    }

    /** The 5-bit opcode number. */
    public int value() {
        return value;
    }

    /** The opcode with this 5-bit number, or empty for numbers OpenVPN does not define. */
    public static Optional<Opcode> fromValue(int value) {
        if (value < 0 || value >= BY_VALUE.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_VALUE[value]);
    }

    /** The opcode in a packet's first byte, or empty when the high five bits name no opcode. */
    public static Optional<Opcode> fromByte(byte firstByte) {
        return fromValue((firstByte & 0xFF) >>> KEY_ID_BITS);
    }

    /** The key id (0..7) in a packet's first byte. */
    public static int keyIdOf(byte firstByte) {
        return firstByte & KEY_ID_MASK;
    }

    /** The first byte of a packet with this opcode and key id. */
    public byte firstByte(int keyId) {
        if (keyId < 0 || keyId > MAX_KEY_ID) {
            throw new IllegalArgumentException("key id must be 0..7, was " + keyId);
        }
        return (byte) (value << KEY_ID_BITS | keyId);
    }

    /** True for the two data-channel opcodes. */
    public boolean isData() {
        return this == DATA_V1 || this == DATA_V2;
    }

    /** True for every opcode that travels on the control channel (ACK included). */
    public boolean isControl() {
        return !isData();
    }

    /** True for control opcodes whose packets carry a message id (all but ACK_V1). */
    public boolean carriesMessageId() {
        return isControl() && this != ACK_V1;
    }

    /** True for the hard-reset opcodes, which must carry message id 0. */
    public boolean isHardReset() {
        return this == CONTROL_HARD_RESET_CLIENT_V1 || this == CONTROL_HARD_RESET_SERVER_V1
                || this == CONTROL_HARD_RESET_CLIENT_V2 || this == CONTROL_HARD_RESET_SERVER_V2
                || this == CONTROL_HARD_RESET_CLIENT_V3;
    }

    /** True for the tls-crypt-v2 opcodes, whose packets end with a wrapped client key in the clear. */
    public boolean isTlsCryptV2() {
        return this == CONTROL_HARD_RESET_CLIENT_V3 || this == CONTROL_WKC_V1;
    }
}

package dev.corridor.protocol.data;

/**
 * OCC ("options consistency check") messages carried in the data channel: a 16-byte magic string
 * followed by an opcode byte; Corridor sends and recognises only EXIT (protocol.md §0, §5.8).
 *
 * <pre>
 *  ┌──────────────────────────────────────────────────┬────────┬──────────┐
 *  │ 28 7f 34 6b d4 ef 7a 81 2d 56 b8 d3 af c5 45 9c  │ opcode │ data ... │
 *  └──────────────────────────────────────────────────┴────────┴──────────┘
 *  EXIT: opcode 0x06, no data (17 bytes)
 * </pre>
 */
public final class OccMessage {
    public static final int MAGIC_LENGTH = 16;
    public static final int OPCODE_EXIT = 0x06;
    public static final int EXIT_LENGTH = MAGIC_LENGTH + 1;
    /** Answered by {@link #opcode} when the payload has the magic but no opcode byte. */
    public static final int NO_OPCODE = -1;

    private static final byte[] MAGIC = {
        (byte) 0x28, (byte) 0x7f, (byte) 0x34, (byte) 0x6b, (byte) 0xd4, (byte) 0xef, (byte) 0x7a, (byte) 0x81,
        (byte) 0x2d, (byte) 0x56, (byte) 0xb8, (byte) 0xd3, (byte) 0xaf, (byte) 0xc5, (byte) 0x45, (byte) 0x9c,
    };
    private static final byte[] EXIT = exit();

    private OccMessage() {
    }

    private static byte[] exit() {
        byte[] exit = new byte[EXIT_LENGTH];
        System.arraycopy(MAGIC, 0, exit, 0, MAGIC_LENGTH);
        exit[MAGIC_LENGTH] = OPCODE_EXIT;
        return exit;
    }

    /** A copy of the 17-byte EXIT message. */
    public static byte[] exitMessage() {
        return EXIT.clone();
    }

    /** Writes the EXIT message at {@code offset}; answers its length. */
    public static int writeExit(byte[] buffer, int offset) {
        System.arraycopy(EXIT, 0, buffer, offset, EXIT_LENGTH);
        return EXIT_LENGTH;
    }

    /** Whether the payload starts with the OCC magic (as OpenVPN's {@code is_occ_msg}). */
    public static boolean isOcc(byte[] buffer, int offset, int length) {
        return length >= MAGIC_LENGTH && PingMessage.regionEquals(MAGIC, buffer, offset);
    }

    /** The opcode of an OCC payload, or {@link #NO_OPCODE} when it is not OCC or has no opcode byte. */
    public static int opcode(byte[] buffer, int offset, int length) {
        if (length <= MAGIC_LENGTH || !isOcc(buffer, offset, length)) {
            return NO_OPCODE;
        }
        return buffer[offset + MAGIC_LENGTH] & 0xFF;
    }

    /** Whether the payload is an OCC EXIT message. */
    public static boolean isExit(byte[] buffer, int offset, int length) {
        return opcode(buffer, offset, length) == OPCODE_EXIT;
    }

    static byte[] exitConstant() {
        return EXIT;
    }
}

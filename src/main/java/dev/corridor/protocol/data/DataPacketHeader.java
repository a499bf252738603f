package dev.corridor.protocol.data;

/**
 * The opcode header in front of every data packet (protocol.md §0, §5.1): reading the key id and
 * peer id, and writing P_DATA_V1 / P_DATA_V2 headers.
 *
 * <pre>
 *  P_DATA_V1:  ┌────────────────┐
 *              │ 6<<3 | key_id  │  0x30..0x37
 *              └────────────────┘
 *  P_DATA_V2:  ┌────────────────┬──────────────────────────┐
 *              │ 9<<3 | key_id  │ peer_id (24 bits, BE)    │  0x48..0x4F
 *              └────────────────┴──────────────────────────┘
 * </pre>
 */
public final class DataPacketHeader {
    public static final int OPCODE_DATA_V1 = 6;
    public static final int OPCODE_DATA_V2 = 9;
    public static final int V1_LENGTH = 1;
    public static final int V2_LENGTH = 4;
    /** Key ids are the low three bits of the first byte. */
    public static final int MAX_KEY_ID = 7;
    /** The largest peer id; OpenVPN also uses it to mean "no peer id assigned". */
    public static final int MAX_PEER_ID = 0xFFFFFF;
    /** Answered by {@link #peerId} when the packet carries no peer id. */
    public static final int NO_PEER_ID = -1;

    private DataPacketHeader() {
    }

    /** The opcode in the high five bits of the first byte. */
    public static int opcode(byte first) {
        return (first & 0xFF) >>> 3;
    }

    /** The key id in the low three bits of the first byte. */
    public static int keyId(byte first) {
        return first & MAX_KEY_ID;
    }

    /** Whether the first byte announces P_DATA_V1 or P_DATA_V2. */
    public static boolean isData(byte first) {
        int opcode = opcode(first);
        return opcode == OPCODE_DATA_V1 || opcode == OPCODE_DATA_V2;
    }

    /** The header length for this first byte: 1 (V1), 4 (V2), or 0 when it is not a data packet. */
    public static int headerLength(byte first) {
        return switch (opcode(first)) {
            case OPCODE_DATA_V1 -> V1_LENGTH;
            case OPCODE_DATA_V2 -> V2_LENGTH;
            default -> 0;
        };
    }

    /**
     * The peer id of a P_DATA_V2 packet (how a server finds the session of a UDP packet whose
     * source address changed), or {@link #NO_PEER_ID} for anything else or a packet too short.
     */
    public static int peerId(byte[] packet, int offset, int length) {
        if (length < V2_LENGTH || opcode(packet[offset]) != OPCODE_DATA_V2) {
            return NO_PEER_ID;
        }
        return BigEndian.readUint24(packet, offset + 1);
    }

    /** Writes a P_DATA_V1 header; answers its length. */
    static int writeV1(byte[] packet, int offset, int keyId) {
        packet[offset] = (byte) (OPCODE_DATA_V1 << 3 | keyId);
        return V1_LENGTH;
    }

    /** Writes a P_DATA_V2 header; answers its length. */
    static int writeV2(byte[] packet, int offset, int keyId, int peerId) {
        packet[offset] = (byte) (OPCODE_DATA_V2 << 3 | keyId);
        BigEndian.writeUint24(packet, offset + 1, peerId);
        return V2_LENGTH;
    }

    static void requireKeyId(int keyId) {
        if (keyId < 0 || keyId > MAX_KEY_ID) {
            throw new IllegalArgumentException("key id must be 0.." + MAX_KEY_ID + ", got " + keyId);
        }
    }
}

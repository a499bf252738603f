package dev.corridor.protocol.data;

/**
 * What an opened, deframed data-channel payload is, deciding where the engine sends it
 * (protocol.md §5.5): IP packets to the TUN device, pings to the keepalive timer, EXIT to the
 * connection state machine.
 *
 * <pre>
 *  length 0                          → EMPTY
 *  exactly the 16 ping bytes         → PING
 *  OCC magic, opcode 0x06            → OCC_EXIT
 *  OCC magic, any other / no opcode  → OCC_OTHER
 *  first nibble 4 or 6               → IP_PACKET
 *  anything else                     → UNRECOGNISED
 * </pre>
 */
public enum PayloadKind {
    EMPTY,
    PING,
    OCC_EXIT,
    OCC_OTHER,
    IP_PACKET,
    UNRECOGNISED;

    /** Classifies a payload; never throws for in-bounds arguments. */
    public static PayloadKind classify(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return EMPTY;
        }
        if (PingMessage.matches(buffer, offset, length)) {
            return PING;
        }
        if (OccMessage.isOcc(buffer, offset, length)) {
            return OccMessage.isExit(buffer, offset, length) ? OCC_EXIT : OCC_OTHER;
        }
        int version = (buffer[offset] & 0xFF) >>> 4;
        return version == 4 || version == 6 ? IP_PACKET : UNRECOGNISED;
    }
}

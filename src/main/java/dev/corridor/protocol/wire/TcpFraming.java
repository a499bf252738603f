package dev.corridor.protocol.wire;

/**
 * Puts the 2-byte length prefix in front of a packet for OpenVPN over TCP.
 *
 * <pre>
 *   +--------+--------+---------------- ... ---+
 *   | length (uint16) | packet (length bytes)  |   length counts the packet, not itself
 *   +--------+--------+---------------- ... ---+
 * </pre>
 *
 * {@link TcpStreamDeframer} does the reverse on a received byte stream.
 */
public final class TcpFraming {
    /** Length of the prefix. */
    public static final int PREFIX_LENGTH = 2;
    /** Largest packet a uint16 prefix can describe. */
    public static final int MAX_PACKET_LENGTH = 0xFFFF;

    private TcpFraming() {}

    /** The packet with its length prefix; a packet must have 1..65535 bytes. */
    public static byte[] frame(byte[] packet) {
        if (packet.length == 0 || packet.length > MAX_PACKET_LENGTH) {
            throw new IllegalArgumentException("a framed packet has 1..65535 bytes, not " + packet.length);
        }
        byte[] framed = new byte[PREFIX_LENGTH + packet.length];
        framed[0] = (byte) (packet.length >>> 8);
        framed[1] = (byte) packet.length;
        System.arraycopy(packet, 0, framed, PREFIX_LENGTH, packet.length);
        return framed;
    }
}

package dev.corridor.tun.packet;

/**
 * Reads IPv4 UDP datagrams and turns one into its answer in place, for the small services the test
 * server's virtual network runs (UDP echo, DNS).
 *
 * <pre>
 *   0        IHL*4     +2        +4        +6        +8
 *   | IPv4 header | src port | dst port | length | checksum | payload ... |
 *   UDP checksum = ~sum(pseudo header: src, dst, 0, 17, UDP length ; UDP header ; payload), 0 → 0xFFFF
 * </pre>
 */
public final class UdpDatagram {
    private static final int UDP_HEADER = 8;
    private static final int PROTOCOL_UDP = 17;

    private UdpDatagram() {}

    /**
     * A new datagram from {@code source}:{@code sourcePort} to {@code destination}:{@code destinationPort}
     * carrying {@code payload}, with {@code spare} zero bytes after it for an answer written in place.
     */
    public static byte[] build(java.net.Inet4Address source, int sourcePort, java.net.Inet4Address destination,
            int destinationPort, byte[] payload, int spare) {
        int total = 20 + UDP_HEADER + payload.length;
        byte[] packet = new byte[total + spare];
        packet[0] = 0x45;
        packet[2] = (byte) (total >> 8);
        packet[3] = (byte) total;
        packet[9] = PROTOCOL_UDP;
        // addresses swapped, because answerInPlace swaps them back while setting lengths and checksums
        System.arraycopy(destination.getAddress(), 0, packet, 12, 4);
        System.arraycopy(source.getAddress(), 0, packet, 16, 4);
        packet[20] = (byte) (destinationPort >> 8);
        packet[21] = (byte) destinationPort;
        packet[22] = (byte) (sourcePort >> 8);
        packet[23] = (byte) sourcePort;
        System.arraycopy(payload, 0, packet, 20 + UDP_HEADER, payload.length);
        answerInPlace(packet, payload.length);
        return packet;
    }

    /** True when {@code packet} is a whole, unfragmented IPv4 UDP datagram. */
    public static boolean isUdp(byte[] packet, int length) {
        if (length < 20 || (packet[0] & 0xF0) != 0x40 || packet[9] != PROTOCOL_UDP) {
            return false;
        }
        int header = headerLength(packet);
        int total = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
        boolean fragment = (packet[6] & 0x3f) != 0 || packet[7] != 0; // more-fragments flag or an offset
        return header >= 20 && total <= length && total >= header + UDP_HEADER && !fragment
                && udpLength(packet) == total - header;
    }

    public static int sourcePort(byte[] packet) {
        int at = headerLength(packet);
        return ((packet[at] & 0xff) << 8) | (packet[at + 1] & 0xff);
    }

    public static int destinationPort(byte[] packet) {
        int at = headerLength(packet) + 2;
        return ((packet[at] & 0xff) << 8) | (packet[at + 1] & 0xff);
    }

    /** Where the payload starts. */
    public static int payloadOffset(byte[] packet) {
        return headerLength(packet) + UDP_HEADER;
    }

    public static int payloadLength(byte[] packet) {
        return udpLength(packet) - UDP_HEADER;
    }

    /**
     * Turns the datagram into the reply carrying {@code replyPayloadLength} bytes already written at
     * {@link #payloadOffset}: addresses and ports swapped, lengths, TTL and both checksums set.
     * Returns the reply's total length.
     */
    public static int answerInPlace(byte[] packet, int replyPayloadLength) {
        int header = headerLength(packet);
        int total = header + UDP_HEADER + replyPayloadLength;
        for (int i = 0; i < 4; i++) {
            byte t = packet[12 + i];
            packet[12 + i] = packet[16 + i];
            packet[16 + i] = t;
        }
        for (int i = 0; i < 2; i++) {
            byte t = packet[header + i];
            packet[header + i] = packet[header + 2 + i];
            packet[header + 2 + i] = t;
        }
        packet[2] = (byte) (total >> 8);
        packet[3] = (byte) total;
        packet[8] = 64;
        packet[10] = 0;
        packet[11] = 0;
        short ipSum = Checksums.internet(packet, 0, header);
        packet[10] = (byte) (ipSum >> 8);
        packet[11] = (byte) ipSum;
        int udpLength = UDP_HEADER + replyPayloadLength;
        packet[header + 4] = (byte) (udpLength >> 8);
        packet[header + 5] = (byte) udpLength;
        packet[header + 6] = 0;
        packet[header + 7] = 0;
        int sum = pseudoHeaderSum(packet, udpLength);
        short udpSum = fold(sum, packet, header, udpLength);
        if (udpSum == 0) {
            udpSum = (short) 0xFFFF;
        }
        packet[header + 6] = (byte) (udpSum >> 8);
        packet[header + 7] = (byte) udpSum;
        return total;
    }

    /** True when the UDP checksum is absent (0) or verifies. */
    public static boolean checksumValid(byte[] packet) {
        int header = headerLength(packet);
        if (packet[header + 6] == 0 && packet[header + 7] == 0) {
            return true;
        }
        int udpLength = udpLength(packet);
        return fold(pseudoHeaderSum(packet, udpLength), packet, header, udpLength) == 0;
    }

    private static int pseudoHeaderSum(byte[] packet, int udpLength) {
        int sum = 0;
        for (int i = 12; i < 20; i += 2) {
            sum += ((packet[i] & 0xff) << 8) | (packet[i + 1] & 0xff);
        }
        return sum + PROTOCOL_UDP + udpLength;
    }

    private static short fold(int initial, byte[] data, int offset, int length) {
        long sum = initial;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    private static int headerLength(byte[] packet) {
        return (packet[0] & 0x0f) * 4;
    }

    private static int udpLength(byte[] packet) {
        int at = headerLength(packet) + 4;
        return ((packet[at] & 0xff) << 8) | (packet[at + 1] & 0xff);
    }
}

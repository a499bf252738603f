package dev.corridor.tun.packet;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Builds IPv4 ICMP echo requests and recognises the replies, so that {@code corridor check} and the
 * tests can ping through a tunnel without a real network stack.
 *
 * <pre>
 *  IPv4 header (20 bytes)                      ICMP echo (8 bytes + payload)
 *  0      4      8             16      20       0     1     2        4      6      8
 *  +------+------+-------------+-------+        +-----+-----+--------+------+------+---------+
 *  |45 00 | total length | id | flags/frag |    |type |code |checksum| ident| seq  | payload |
 *  | ttl | proto=1 | header checksum      |     +-----+-----+--------+------+------+---------+
 *  | source address  | destination address |     type 8 = request, 0 = reply
 * </pre>
 */
public final class IcmpEcho {
    private static final int IP_HEADER = 20;
    private static final int ICMP_HEADER = 8;

    private IcmpEcho() {}

    /** A reply as seen on the way back: who answered and which request it answers. */
    public record Reply(byte[] source, int identifier, int sequence) {}

    /** An echo request from {@code source} to {@code destination} with a payload of {@code payloadSize} bytes. */
    public static byte[] request(Inet4Address source, Inet4Address destination, int identifier, int sequence,
            int payloadSize) {
        int total = IP_HEADER + ICMP_HEADER + payloadSize;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) sequence)
                .putShort((short) 0x4000) // don't fragment
                .put((byte) 64).put((byte) 1).putShort((short) 0)
                .put(source.getAddress()).put(destination.getAddress());
        b.putShort(10, Checksums.internet(b.array(), 0, IP_HEADER));
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) identifier).putShort((short) sequence);
        for (int i = 0; i < payloadSize; i++) {
            b.put((byte) i);
        }
        b.putShort(IP_HEADER + 2, Checksums.internet(b.array(), IP_HEADER, ICMP_HEADER + payloadSize));
        return b.array();
    }

    /** The echo reply in {@code packet}, if it is a well-formed IPv4 ICMP echo reply with good checksums. */
    public static Optional<Reply> parseReply(byte[] packet) {
        if (packet.length < IP_HEADER + ICMP_HEADER || (packet[0] >> 4) != 4) {
            return Optional.empty();
        }
        int headerLength = (packet[0] & 0x0f) * 4;
        int total = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
        if (headerLength < IP_HEADER || total > packet.length || total < headerLength + ICMP_HEADER
                || packet[9] != 1 || Checksums.internet(packet, 0, headerLength) != 0) {
            return Optional.empty();
        }
        if (packet[headerLength] != 0 || packet[headerLength + 1] != 0
                || Checksums.internet(packet, headerLength, total - headerLength) != 0) {
            return Optional.empty();
        }
        byte[] source = new byte[4];
        System.arraycopy(packet, 12, source, 0, 4);
        int identifier = ((packet[headerLength + 4] & 0xff) << 8) | (packet[headerLength + 5] & 0xff);
        int sequence = ((packet[headerLength + 6] & 0xff) << 8) | (packet[headerLength + 7] & 0xff);
        return Optional.of(new Reply(source, identifier, sequence));
    }

    /**
     * Turns an echo request into its reply in place (swap addresses, type 0, fix checksums); used by
     * the test server's virtual network. Returns false when the packet is not an IPv4 echo request.
     */
    public static boolean answerInPlace(byte[] packet, int length) {
        if (length < IP_HEADER + ICMP_HEADER || (packet[0] >> 4) != 4) {
            return false;
        }
        int headerLength = (packet[0] & 0x0f) * 4;
        if (packet[9] != 1 || length < headerLength + ICMP_HEADER || packet[headerLength] != 8) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            byte t = packet[12 + i];
            packet[12 + i] = packet[16 + i];
            packet[16 + i] = t;
        }
        packet[8] = 64;
        packet[10] = 0;
        packet[11] = 0;
        short ipSum = Checksums.internet(packet, 0, headerLength);
        packet[10] = (byte) (ipSum >> 8);
        packet[11] = (byte) ipSum;
        packet[headerLength] = 0;
        packet[headerLength + 2] = 0;
        packet[headerLength + 3] = 0;
        short icmpSum = Checksums.internet(packet, headerLength, length - headerLength);
        packet[headerLength + 2] = (byte) (icmpSum >> 8);
        packet[headerLength + 3] = (byte) icmpSum;
        return true;
    }
}

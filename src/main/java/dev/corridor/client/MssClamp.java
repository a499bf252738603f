package dev.corridor.client;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Lowers the maximum segment size that TCP connections announce through the tunnel (OpenVPN's
 * {@code mssfix}), so that their segments still fit the link in one UDP datagram once sealed,
 * instead of leaving as two IP fragments each.
 *
 * <p>Applied to every IP packet in both directions (read from the TUN device before sealing, and
 * opened from the server before it is written to the TUN device), as OpenVPN does: a SYN or SYN-ACK
 * whose MSS option is larger than the limit gets the limit, and the TCP checksum is corrected for
 * the changed bytes (RFC 1624); nothing is ever raised, and every other packet is left untouched.
 * IPv6 gets the IPv4 limit minus 20 (its header is 20 bytes longer). Only unfragmented IPv4 and
 * IPv6 packets whose TCP header follows the IP header directly are looked at.
 *
 * <pre>
 *   IPv4: | ver/ihl | ... | frag (6-7) | ... | proto=6 (9) | ... |  TCP at ihl×4
 *   IPv6: | ver | ... | next header=6 (6) | ... 40 bytes ... |     TCP at 40
 *   TCP:  | ports (0-3) | seq | ack | data offset (12) | flags (13: SYN=0x02) | window |
 *         | checksum (16-17) | urgent | options (20 .. data offset×4):
 *           0 end · 1 no-op · 2,4,MSS(16 bit) · other: kind, length, data
 * </pre>
 *
 * <p>The limit comes from {@code mssfix max [mtu]}: without {@code mtu}, {@code max} is the UDP
 * payload (the whole sealed packet); with {@code mtu}, the IP packet on the link including its IP
 * and UDP headers. From that the sealed packet's own overhead and 40 bytes of IPv4 and TCP header
 * are taken away. Immutable; used by the two data threads at once.
 */
final class MssClamp {
    /** Clamps nothing ({@code mssfix 0}, TCP links). */
    static final MssClamp OFF = new MssClamp(0);

    private static final int IPV4_TCP_HEADERS = 40;
    private static final int UDP_HEADER = 8;
    private static final int TCP = 6;
    private static final int SYN = 0x02;
    private static final int MSS_OPTION = 2;

    private final int ipv4Limit;

    /** @param ipv4Limit the largest MSS an IPv4 SYN may announce; 0 or less clamps nothing */
    MssClamp(int ipv4Limit) {
        this.ipv4Limit = Math.max(0, ipv4Limit);
    }

    /**
     * The clamp for a UDP link to {@code remote}.
     *
     * @param mssfix          the profile's {@code mssfix} value; 0 turns clamping off
     * @param includesHeaders the {@code mtu} flag: {@code mssfix} counts the link's IP and UDP headers
     * @param sealedOverhead  what sealing adds to an IP packet (opcode and peer id, the cipher's
     *                        overhead, the compression framing)
     */
    static MssClamp forUdp(int mssfix, boolean includesHeaders, InetAddress remote, int sealedOverhead) {
        if (mssfix <= 0) {
            return OFF;
        }
        int udpPayload = includesHeaders ? mssfix - (remote instanceof Inet6Address ? 40 : 20) - UDP_HEADER : mssfix;
        return new MssClamp(udpPayload - sealedOverhead - IPV4_TCP_HEADERS);
    }

    /** The IPv4 limit; 0 when off. */
    int ipv4Limit() {
        return ipv4Limit;
    }

    /**
     * Lowers the MSS option of the IP packet in {@code packet[offset, offset + length)} in place
     * when it is a TCP SYN announcing more than the limit; true when it changed something.
     */
    boolean clamp(byte[] packet, int offset, int length) {
        if (ipv4Limit == 0 || length < 20) {
            return false;
        }
        int version = (packet[offset] & 0xf0) >>> 4;
        int tcp;
        int limit;
        if (version == 4) {
            int headerLength = (packet[offset] & 0x0f) * 4;
            boolean fragment = (((packet[offset + 6] & 0x3f) << 8) | (packet[offset + 7] & 0xff)) != 0; // MF or offset
            if (headerLength < 20 || fragment || (packet[offset + 9] & 0xff) != TCP) {
                return false;
            }
            tcp = offset + headerLength;
            limit = ipv4Limit;
        } else if (version == 6) {
            if (length < 40 || (packet[offset + 6] & 0xff) != TCP) {
                return false;
            }
            tcp = offset + 40;
            limit = ipv4Limit - 20;
        } else {
            return false;
        }
        int end = offset + length;
        if (tcp + 20 > end || (packet[tcp + 13] & SYN) == 0) {
            return false;
        }
        int optionsEnd = tcp + ((packet[tcp + 12] & 0xf0) >>> 4) * 4;
        if (optionsEnd > end) {
            return false;
        }
        int at = tcp + 20;
        while (at < optionsEnd) {
            int kind = packet[at] & 0xff;
            if (kind == 0) {
                return false;
            }
            if (kind == 1) {
                at++;
                continue;
            }
            if (at + 1 >= optionsEnd) {
                return false;
            }
            int optionLength = packet[at + 1] & 0xff;
            if (optionLength < 2 || at + optionLength > optionsEnd) {
                return false;
            }
            if (kind == MSS_OPTION && optionLength == 4) {
                int mss = ((packet[at + 2] & 0xff) << 8) | (packet[at + 3] & 0xff);
                if (mss <= limit || limit <= 0) {
                    return false;
                }
                replace(packet, tcp, at + 2, limit);
                return true;
            }
            at += optionLength;
        }
        return false;
    }

    /**
     * Writes {@code value} as two bytes at {@code at} and corrects the TCP checksum incrementally
     * (RFC 1624, eqn. 3: HC' = ~(~HC + ~m + m') over every 16-bit word of the TCP segment the two
     * bytes touch; the value may start at an odd offset and then spans two words).
     */
    private static void replace(byte[] packet, int tcp, int at, int value) {
        int first = tcp + ((at - tcp) & ~1);
        int last = tcp + ((at + 1 - tcp) & ~1);
        int sum = ~word(packet, tcp + 16) & 0xffff;
        for (int w = first; w <= last; w += 2) {
            sum += ~word(packet, w) & 0xffff;
        }
        packet[at] = (byte) (value >>> 8);
        packet[at + 1] = (byte) value;
        for (int w = first; w <= last; w += 2) {
            sum += word(packet, w);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = ~sum & 0xffff;
        packet[tcp + 16] = (byte) (checksum >>> 8);
        packet[tcp + 17] = (byte) checksum;
    }

    private static int word(byte[] packet, int at) {
        return ((packet[at] & 0xff) << 8) | (packet[at + 1] & 0xff);
    }
}

package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The MSS of TCP SYNs through the tunnel is lowered to the limit, the checksum stays right, nothing else changes. */
class MssClampTest {
    private static final MssClamp CLAMP = new MssClamp(1386);

    @Test
    void anIpv4SynAnnouncingMoreThanTheLimitGetsTheLimitAndAValidChecksum() {
        byte[] syn = ipv4Syn(new byte[] {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7});
        assertThat(tcpChecksumValid(syn, false)).isTrue();

        assertThat(CLAMP.clamp(syn, 0, syn.length)).isTrue();

        assertThat(mss(syn, 20 + 20 + 2)).isEqualTo(1386);
        assertThat(tcpChecksumValid(syn, false)).isTrue();
    }

    @Test
    void anMssAtAnOddOffsetSpansTwoChecksumWordsAndIsCorrectedToo() {
        byte[] syn = ipv4Syn(new byte[] {1, 2, 4, 0x05, (byte) 0xb4, 1, 1, 0});
        assertThat(CLAMP.clamp(syn, 0, syn.length)).isTrue();
        assertThat(mss(syn, 20 + 20 + 3)).isEqualTo(1386);
        assertThat(tcpChecksumValid(syn, false)).isTrue();
    }

    @Test
    void ipv6GetsTwentyBytesLess() {
        byte[] syn = ipv6Syn(new byte[] {2, 4, (byte) 0xff, (byte) 0xc4, 1, 1, 1, 0});
        assertThat(CLAMP.clamp(syn, 0, syn.length)).isTrue();
        assertThat(mss(syn, 40 + 20 + 2)).isEqualTo(1366);
        assertThat(tcpChecksumValid(syn, true)).isTrue();
    }

    @Test
    void aPacketInsideALargerBufferIsFoundAtItsOffset() {
        byte[] syn = ipv4Syn(new byte[] {2, 4, 0x05, (byte) 0xb4});
        byte[] buffer = new byte[syn.length + 50];
        System.arraycopy(syn, 0, buffer, 17, syn.length);
        assertThat(CLAMP.clamp(buffer, 17, syn.length)).isTrue();
        assertThat(tcpChecksumValid(Arrays.copyOfRange(buffer, 17, 17 + syn.length), false)).isTrue();
    }

    @Test
    void nothingChangesWhenTheMssIsSmallTheSegmentIsNoSynOrItIsNoTcp() {
        byte[] small = ipv4Syn(new byte[] {2, 4, 0x05, 0x00});
        assertUnchanged(CLAMP, small);

        byte[] ack = ipv4Syn(new byte[] {2, 4, 0x05, (byte) 0xb4});
        ack[20 + 13] = 0x10;
        assertUnchanged(CLAMP, ack);

        byte[] udp = ipv4Syn(new byte[] {2, 4, 0x05, (byte) 0xb4});
        udp[9] = 17;
        assertUnchanged(CLAMP, udp);

        byte[] fragment = ipv4Syn(new byte[] {2, 4, 0x05, (byte) 0xb4});
        fragment[6] = 0x20; // more fragments
        assertUnchanged(CLAMP, fragment);

        assertUnchanged(MssClamp.OFF, ipv4Syn(new byte[] {2, 4, 0x05, (byte) 0xb4}));
    }

    @Test
    void malformedOptionsAndTruncatedPacketsAreLeftAloneWithoutFailing() {
        assertUnchanged(CLAMP, ipv4Syn(new byte[] {8, 0, 2, 4})); // option length 0
        assertUnchanged(CLAMP, ipv4Syn(new byte[] {8, 40, 0, 0})); // runs past the options
        assertUnchanged(CLAMP, ipv4Syn(new byte[] {0, 2, 4, 5})); // end of options first
        byte[] syn = ipv4Syn(new byte[] {2, 4, 0x05, (byte) 0xb4});
        for (int length = 0; length < syn.length; length++) {
            byte[] copy = syn.clone();
            assertThat(CLAMP.clamp(copy, 0, length)).as("length %d", length).isFalse();
        }
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[random.nextInt(100)];
            random.nextBytes(junk);
            CLAMP.clamp(junk, 0, junk.length); // never throws
        }
    }

    @Test
    void randomOptionLayoutsKeepAValidChecksum() {
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            int nops = random.nextInt(4);
            byte[] options = new byte[((nops + 4 + 3) / 4) * 4];
            Arrays.fill(options, (byte) 1);
            options[nops] = 2;
            options[nops + 1] = 4;
            int mss = 1387 + random.nextInt(9000);
            options[nops + 2] = (byte) (mss >>> 8);
            options[nops + 3] = (byte) mss;
            byte[] syn = random.nextBoolean() ? ipv4Syn(options) : ipv6Syn(options);
            boolean v6 = (syn[0] & 0xf0) == 0x60;
            assertThat(CLAMP.clamp(syn, 0, syn.length)).isEqualTo(!v6 || mss > 1366);
            assertThat(tcpChecksumValid(syn, v6)).as("layout %d", i).isTrue();
        }
    }

    @Test
    void theLimitFollowsOpenVpnsMssfixArithmetic() throws Exception {
        InetAddress v4 = InetAddress.getByName("192.0.2.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        // 1450 bytes of UDP payload, 24 of them sealing (P_DATA_V2 header + packet id + tag), 40 headers
        assertThat(MssClamp.forUdp(1450, false, v4, 24).ipv4Limit()).isEqualTo(1386);
        // "mssfix 1500 mtu": the link's IPv4 (20) and UDP (8) headers count too
        assertThat(MssClamp.forUdp(1500, true, v4, 24).ipv4Limit()).isEqualTo(1408);
        assertThat(MssClamp.forUdp(1500, true, v6, 24).ipv4Limit()).isEqualTo(1388);
        assertThat(MssClamp.forUdp(0, false, v4, 24)).isSameAs(MssClamp.OFF);
    }

    private static void assertUnchanged(MssClamp clamp, byte[] packet) {
        byte[] before = packet.clone();
        assertThat(clamp.clamp(packet, 0, packet.length)).isFalse();
        assertThat(packet).isEqualTo(before);
    }

    private static int mss(byte[] packet, int at) {
        return ((packet[at] & 0xff) << 8) | (packet[at + 1] & 0xff);
    }

    /** An IPv4 TCP SYN from 10.0.0.2:40000 to 10.100.0.10:80 with {@code options} and a correct checksum. */
    private static byte[] ipv4Syn(byte[] options) {
        byte[] tcp = tcpSyn(options);
        byte[] packet = new byte[20 + tcp.length];
        packet[0] = 0x45;
        packet[2] = (byte) (packet.length >>> 8);
        packet[3] = (byte) packet.length;
        packet[6] = 0x40; // don't fragment
        packet[8] = 64;
        packet[9] = 6;
        System.arraycopy(new byte[] {10, 0, 0, 2, 10, 100, 0, 10}, 0, packet, 12, 8);
        System.arraycopy(tcp, 0, packet, 20, tcp.length);
        setTcpChecksum(packet, false);
        return packet;
    }

    private static byte[] ipv6Syn(byte[] options) {
        byte[] tcp = tcpSyn(options);
        byte[] packet = new byte[40 + tcp.length];
        packet[0] = 0x60;
        packet[4] = (byte) (tcp.length >>> 8);
        packet[5] = (byte) tcp.length;
        packet[6] = 6;
        packet[7] = 64;
        packet[8] = 0x20;
        packet[9] = 0x01;
        packet[23] = 2;
        packet[24] = 0x20;
        packet[25] = 0x01;
        packet[39] = 10;
        System.arraycopy(tcp, 0, packet, 40, tcp.length);
        setTcpChecksum(packet, true);
        return packet;
    }

    private static byte[] tcpSyn(byte[] options) {
        byte[] padded = Arrays.copyOf(options, (options.length + 3) / 4 * 4);
        byte[] tcp = new byte[20 + padded.length];
        tcp[0] = (byte) (40000 >>> 8);
        tcp[1] = (byte) 40000;
        tcp[3] = 80;
        tcp[4] = 0x12;
        tcp[12] = (byte) ((tcp.length / 4) << 4);
        tcp[13] = 0x02;
        tcp[14] = (byte) 0xfa;
        System.arraycopy(padded, 0, tcp, 20, padded.length);
        return tcp;
    }

    private static void setTcpChecksum(byte[] packet, boolean v6) {
        int tcp = v6 ? 40 : 20;
        packet[tcp + 16] = 0;
        packet[tcp + 17] = 0;
        int checksum = ~sum(packet, v6) & 0xffff;
        packet[tcp + 16] = (byte) (checksum >>> 8);
        packet[tcp + 17] = (byte) checksum;
    }

    private static boolean tcpChecksumValid(byte[] packet, boolean v6) {
        return (sum(packet, v6) & 0xffff) == 0xffff;
    }

    /** The one's-complement sum of the pseudo-header and the TCP segment, folded to 16 bits. */
    private static int sum(byte[] packet, boolean v6) {
        int tcp = v6 ? 40 : 20;
        int length = packet.length - tcp;
        long sum = 0;
        int addresses = v6 ? 8 : 12;
        int addressBytes = v6 ? 32 : 8;
        for (int i = addresses; i < addresses + addressBytes; i += 2) {
            sum += ((packet[i] & 0xff) << 8) | (packet[i + 1] & 0xff);
        }
        sum += 6 + length;
        for (int i = tcp; i < packet.length; i += 2) {
            int high = packet[i] & 0xff;
            int low = i + 1 < packet.length ? packet[i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}

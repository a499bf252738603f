package dev.corridor.net.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corridor.net.Addresses;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The netlink codec against hand-built byte fixtures (little-endian hosts: x86-64, arm64): requests
 * encode to exactly these bytes, the kernel's answers decode, and truncated or malformed messages give
 * a {@link NetlinkFormatException} that says what is wrong.
 */
class RtnetlinkCodecTest {

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are little-endian");
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[\\s|]", ""));
    }

    @Test
    void aRouteAddWithGatewayIsRtmsgPlusDestinationGatewayAndLink() {
        byte[] bytes = RtnetlinkRequests.route(true, 9, IpPrefix.parse("10.1.0.0/16"),
                Optional.of(Addresses.parse("10.8.0.5"))).withSequence(7).encode();

        assertThat(bytes).isEqualTo(hex(""
                + "34000000 1800 0506 07000000 00000000"   // len 52, RTM_NEWROUTE, REQUEST|ACK|EXCL|CREATE, seq 7
                + "02 10 00 00 fe 03 00 01 00000000"       // AF_INET /16, table main, proto boot, universe, unicast
                + "0800 0100 0a010000"                     // RTA_DST 10.1.0.0
                + "0800 0500 0a080005"                     // RTA_GATEWAY 10.8.0.5
                + "0800 0400 09000000"));                  // RTA_OIF 9
    }

    @Test
    void anIpv6RouteDeleteWithoutGatewayMatchesAnyScopeTypeAndProtocol() {
        byte[] bytes = RtnetlinkRequests.route(false, 3, IpPrefix.parse("2000::/3"), Optional.empty())
                .withSequence(1).encode();

        assertThat(bytes).isEqualTo(hex(""
                + "38000000 1900 0500 01000000 00000000"   // len 56, RTM_DELROUTE, REQUEST|ACK
                + "0a 03 00 00 fe 00 ff 00 00000000"       // AF_INET6 /3, main, scope nowhere, type unspec
                + "1400 0100 20000000000000000000000000000000"
                + "0800 0400 03000000"));
    }

    @Test
    void aPointToPointAddressCarriesLocalAndPeer() {
        byte[] bytes = RtnetlinkRequests.address(true, 9, InterfaceAddress.parse("10.8.0.6/32"),
                Optional.of(Addresses.parse("10.8.0.5"))).withSequence(2).encode();

        assertThat(bytes).isEqualTo(hex(""
                + "28000000 1400 0506 02000000 00000000"   // len 40, RTM_NEWADDR, create exclusive
                + "02 20 00 00 09000000"                   // AF_INET /32, index 9
                + "0800 0200 0a080006"                     // IFA_LOCAL
                + "0800 0100 0a080005"));                  // IFA_ADDRESS = the peer
    }

    @Test
    void setLinkNamesItPadsTheNameAndSetsMtuAndUp() {
        byte[] bytes = RtnetlinkRequests.setLink("tun0", 1400, true).withSequence(3).encode();

        assertThat(bytes).isEqualTo(hex(""
                + "34000000 1000 0500 03000000 00000000"   // len 52, RTM_NEWLINK, REQUEST|ACK
                + "00 00 0000 00000000 01000000 01000000"  // index 0 (by name), flags UP, change UP
                + "0900 0300 74756e3000 000000"            // IFLA_IFNAME "tun0\0", padded to 12
                + "0800 0400 78050000"));                  // IFLA_MTU 1400
    }

    @Test
    void twoMessagesInOneDatagramAndAnAcknowledgement() throws Exception {
        byte[] datagram = hex(""
                + "24000000 0200 0001 05000000 aa000000"   // NLMSG_ERROR, CAPPED, seq 5
                + "00000000"                               // error 0: acknowledged
                + "10000000 1800 0506 05000000 00000000"   // the request's header echoed
                + "14000000 0300 0200 06000000 aa000000"   // NLMSG_DONE, MULTI, seq 6
                + "00000000");

        List<NetlinkMessage> messages = NetlinkMessage.parseAll(datagram, datagram.length);

        assertThat(messages).extracting(NetlinkMessage::type, NetlinkMessage::sequence)
                .containsExactly(tuple(2, 5), tuple(3, 6));
        assertThat(NetlinkAck.decode(messages.get(0))).isEqualTo(new NetlinkAck(0, Optional.empty()));
    }

    @Test
    void anErrorWithExtendedAckCarriesTheErrnoAndTheKernelsText() throws Exception {
        byte[] datagram = hex(""
                + "3c000000 0200 0003 05000000 aa000000"   // NLMSG_ERROR, CAPPED|ACK_TLVS, len 60
                + "efffffff"                               // -17: EEXIST
                + "34000000 1800 0506 05000000 00000000"   // request header (its body not echoed)
                + "1000 0100 46696c652065786973747300"     // NLMSGERR_ATTR_MSG "File exists\0" (len 16)
                + "0800 0300 20000000");                   // NLMSGERR_ATTR_OFFS, ignored

        NetlinkAck ack = NetlinkAck.decode(NetlinkMessage.parseAll(datagram, datagram.length).get(0));

        assertThat(ack).isEqualTo(new NetlinkAck(17, Optional.of("File exists")));
        assertThat(new NetlinkErrorException(ack.errno(), ack.kernelText())).hasMessage(
                "File exists (EEXIST): it is already there (kernel: File exists)");
        assertThat(NetlinkErrno.alreadyGone(NetlinkErrno.ESRCH)).isTrue();
        assertThat(NetlinkErrno.alreadyGone(NetlinkErrno.EEXIST)).isFalse();
        assertThat(NetlinkErrno.describe(4242)).isEqualTo("errno 4242");
    }

    @Test
    void readsALinkAnAddressAndARoute() throws Exception {
        NetlinkMessage link = one(""
                + "34000000 1000 0200 01000000 00000000"
                + "00 00 feff 09000000 d1100000 00000000"  // index 9, flags UP|POINTOPOINT|NOARP|RUNNING...
                + "0900 0300 74756e3000 000000"            // IFLA_IFNAME "tun0"
                + "0800 0400 dc050000");                   // IFLA_MTU 1500
        NetlinkMessage address = one(""
                + "2c000000 1400 0200 01000000 00000000"
                + "0a 40 80 00 03000000"                   // AF_INET6 /64 on link 3, no IFA_LOCAL
                + "1400 0100 20010db8000500000000000000000023");
        NetlinkMessage route = one(""
                + "3c000000 1800 0200 01000000 00000000"
                + "02 00 00 00 fe 10 00 01 00000000"       // AF_INET, default (/0), main, dhcp, unicast
                + "0800 0f00 fe000000"                     // RTA_TABLE 254
                + "0800 0600 58020000"                     // RTA_PRIORITY 600
                + "0800 0500 c0a80101"                     // RTA_GATEWAY 192.168.1.1
                + "0800 0400 03000000");                   // RTA_OIF 3

        assertThat(RtnetlinkReplies.link(link)).isEqualTo(new RtnetlinkReplies.Link(9, "tun0", 1500, true));
        assertThat(RtnetlinkReplies.address(address)).contains(
                new RtnetlinkReplies.Address(3, Addresses.parse("2001:db8:5::23"), 64));
        RtnetlinkReplies.RouteEntry entry = RtnetlinkReplies.route(route).orElseThrow();
        assertThat(entry.destination()).isEqualTo(Addresses.parse("0.0.0.0"));
        assertThat(entry.destinationLength()).isZero();
        assertThat(entry.gateway()).contains(Addresses.parse("192.168.1.1"));
        assertThat(entry.outputIndex()).contains(3);
        assertThat(entry.metric()).isEqualTo(600);
        assertThat(entry.table()).isEqualTo(254);
    }

    @Test
    void addressesAndRoutesOfOtherFamiliesAreSkippedNotErrors() throws Exception {
        assertThat(RtnetlinkReplies.route(one("1c000000 1800 0200 01000000 00000000"
                + "80 00 00 00 fe 00 00 01 00000000"))).isEmpty(); // RTNL_FAMILY_IPMR
        assertThat(RtnetlinkReplies.address(one("18000000 1400 0200 01000000 00000000"
                + "1c 00 00 00 01000000"))).isEmpty();              // AF_MPLS
    }

    @Test
    void truncatedAndMalformedMessagesAreClearErrors() {
        assertThatThrownBy(() -> NetlinkMessage.parseAll(hex("34000000 1000 0200 0100"), 10))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("malformed netlink message: 10 bytes left at offset 0, too few for a 16-byte header");
        assertThatThrownBy(() -> NetlinkMessage.parseAll(hex("34000000 1000 0200 01000000 00000000 00000000"), 20))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("claims 52 bytes, but 20 are there");
        assertThatThrownBy(() -> NetlinkMessage.parseAll(hex("08000000 1000 0200 01000000 00000000"), 16))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("claims 8 bytes");
        assertThatThrownBy(() -> NetlinkMessage.parseAll(new byte[4], 8))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("outside its buffer");
        // an attribute that claims more than the message holds
        assertThatThrownBy(() -> RtnetlinkReplies.link(one("28000000 1000 0200 01000000 00000000"
                + "00 00 0000 09000000 01000000 00000000" + "4000 0300 74756e30")))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("attribute 3 at offset 16 claims 64 bytes, but 8 are left");
        // a 3-byte IPv4 gateway
        assertThatThrownBy(() -> RtnetlinkReplies.route(one("24000000 1800 0200 01000000 00000000"
                + "02 00 00 00 fe 10 00 01 00000000" + "0700 0500 c0a80100")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("an address of 3 bytes (4 expected)");
        // an rtmsg cut short
        assertThatThrownBy(() -> RtnetlinkReplies.route(one("18000000 1800 0200 01000000 00000000 02000000 fe100001")))
                .isInstanceOf(NetlinkFormatException.class).hasMessage(
                        "malformed netlink message: rtmsg needs 12 bytes, the message holds 8");
        // an IPv4 prefix longer than 32 bits
        assertThatThrownBy(() -> RtnetlinkReplies.address(one("20000000 1400 0200 01000000 00000000"
                + "02 21 00 00 01000000" + "0800 0200 0a000001")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("prefix length 33");
        // an error message too short for its errno, and one with a positive error
        assertThatThrownBy(() -> NetlinkAck.decode(one("12000000 0200 0000 01000000 00000000 0000")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("an error message of 2 bytes");
        assertThatThrownBy(() -> NetlinkAck.decode(one("14000000 0200 0000 01000000 00000000 11000000")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("positive error 17");
        // a link without a name; a u32 attribute of the wrong size
        assertThatThrownBy(() -> RtnetlinkReplies.link(one("20000000 1000 0200 01000000 00000000"
                + "00 00 0000 09000000 01000000 00000000")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("link 9 without a name");
        assertThatThrownBy(() -> RtnetlinkReplies.link(one("34000000 1000 0200 01000000 00000000"
                + "00 00 0000 09000000 01000000 00000000" + "0900 0300 74756e3000 000000" + "0600 0400 dc05 0000")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("should hold 4 bytes, holds 2");
    }

    @Test
    void attributesArePaddedToFourBytesAndTheNextOneIsFound() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(RtAttributes.size(5) + RtAttributes.size(4))
                .order(NetlinkMessage.ORDER);
        RtAttributes.put(out, 3, new byte[] {'a', 'b', 'c', 'd', 0});
        RtAttributes.put(out, 4, RtAttributes.u32Bytes(1280));

        assertThat(out.array()).isEqualTo(hex("0900 0300 6162636400 000000 0800 0400 00050000"));
        RtAttributes read = RtAttributes.parse(ByteBuffer.wrap(out.array()).order(NetlinkMessage.ORDER));
        assertThat(read.string(3)).contains("abcd");
        assertThat(read.u32(4)).contains(1280);
        assertThat(read.u32(5)).isEmpty();
    }

    private static NetlinkMessage one(String fixture) throws NetlinkFormatException {
        byte[] bytes = hex(fixture);
        List<NetlinkMessage> messages = NetlinkMessage.parseAll(bytes, bytes.length);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }
}

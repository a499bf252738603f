package dev.corridor.net.os;

import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Builds the rtnetlink (NETLINK_ROUTE) requests the Linux applier sends, as {@link NetlinkMessage}s
 * with sequence 0 (the channel numbers them); no I/O. The fixed structure after the netlink header,
 * then route attributes ({@link RtAttributes}):
 *
 * <pre>
 *   ifinfomsg (16 bytes): links          ifaddrmsg (8 bytes): addresses
 *   0      1     2      4      8      12     16    0      1         2      3      4      8
 *   │family│ pad │ type │index │flags │change│     │family│prefixlen │flags │scope │index │
 *   │ u8   │ u8  │ u16  │ s32  │ u32  │ u32  │     │ u8   │ u8       │ u8   │ u8   │ u32  │
 *
 *   rtmsg (12 bytes): routes
 *   0      1       2       3    4      5        6      7      8      12
 *   │family│dst_len│src_len│tos │table │protocol│scope │type  │flags │
 *   │ u8   │ u8    │ u8    │ u8 │ u8   │ u8     │ u8   │ u8   │ u32  │
 * </pre>
 *
 * Changes carry {@code NLM_F_REQUEST | NLM_F_ACK}, adds also {@code NLM_F_CREATE | NLM_F_EXCL} (an
 * address or route that is already there is an error, not silently Corridor's); dumps carry
 * {@code NLM_F_REQUEST | NLM_F_DUMP}.
 */
final class RtnetlinkRequests {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int IFF_UP = 0x1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_EXT_MASK = 29;
    static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;

    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_TABLE = 15;
    static final int RT_TABLE_MAIN = 254;
    static final int RTPROT_BOOT = 3;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    static final int RT_SCOPE_NOWHERE = 255;
    static final int RTN_UNICAST = 1;

    private static final int CHANGE = NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK;
    private static final int ADD = CHANGE | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL;
    private static final int DUMP = NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP;

    private RtnetlinkRequests() {}

    /** RTM_GETLINK for one link by name (index 0 + IFLA_IFNAME); the answer is one RTM_NEWLINK or an error. */
    static NetlinkMessage linkByName(String name) {
        byte[] ifname = RtAttributes.nulTerminated(name);
        ByteBuffer body = body(16 + RtAttributes.size(ifname.length) + RtAttributes.size(4));
        ifinfomsg(body, 0, 0, 0);
        RtAttributes.put(body, IFLA_IFNAME, ifname);
        RtAttributes.put(body, IFLA_EXT_MASK, RtAttributes.u32Bytes(RTEXT_FILTER_SKIP_STATS));
        return message(RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST, body);
    }

    /** RTM_NEWLINK on an existing link by name: sets its MTU and brings it up or down. */
    static NetlinkMessage setLink(String name, int mtu, boolean up) {
        byte[] ifname = RtAttributes.nulTerminated(name);
        ByteBuffer body = body(16 + RtAttributes.size(ifname.length) + RtAttributes.size(4));
        ifinfomsg(body, 0, up ? IFF_UP : 0, IFF_UP);
        RtAttributes.put(body, IFLA_IFNAME, ifname);
        RtAttributes.put(body, IFLA_MTU, RtAttributes.u32Bytes(mtu));
        return message(RTM_NEWLINK, CHANGE, body);
    }

    /** RTM_NEWLINK on an existing link by name: sets its MTU and leaves its up/down state alone. */
    static NetlinkMessage setMtu(String name, int mtu) {
        byte[] ifname = RtAttributes.nulTerminated(name);
        ByteBuffer body = body(16 + RtAttributes.size(ifname.length) + RtAttributes.size(4));
        ifinfomsg(body, 0, 0, 0);
        RtAttributes.put(body, IFLA_IFNAME, ifname);
        RtAttributes.put(body, IFLA_MTU, RtAttributes.u32Bytes(mtu));
        return message(RTM_NEWLINK, CHANGE, body);
    }

    /**
     * RTM_NEWADDR or RTM_DELADDR: IFA_LOCAL is the address itself, IFA_ADDRESS the peer on a
     * point-to-point link or else the address again (as {@code ip addr add|del} sends them).
     */
    static NetlinkMessage address(boolean add, int index, InterfaceAddress address, Optional<InetAddress> peer) {
        byte[] local = address.address().getAddress();
        byte[] remote = peer.map(InetAddress::getAddress).orElse(local);
        ByteBuffer body = body(8 + RtAttributes.size(local.length) + RtAttributes.size(remote.length));
        body.put((byte) family(address.address())).put((byte) address.bits()).put((byte) 0)
                .put((byte) RT_SCOPE_UNIVERSE).putInt(index);
        RtAttributes.put(body, IFA_LOCAL, local);
        RtAttributes.put(body, IFA_ADDRESS, remote);
        return message(add ? RTM_NEWADDR : RTM_DELADDR, add ? ADD : CHANGE, body);
    }

    /**
     * RTM_NEWROUTE or RTM_DELROUTE in the main table: destination, optional gateway, output link.
     * An add is a unicast route of protocol "boot" (what {@code ip route add} makes), of link scope
     * when it has no gateway; a delete leaves type, protocol and scope open so they match any.
     */
    static NetlinkMessage route(boolean add, int index, IpPrefix destination, Optional<InetAddress> gateway) {
        byte[] dst = destination.network().getAddress();
        byte[] via = gateway.map(InetAddress::getAddress).orElse(new byte[0]);
        ByteBuffer body = body(12 + RtAttributes.size(dst.length) + (gateway.isPresent()
                ? RtAttributes.size(via.length) : 0) + RtAttributes.size(4));
        int scope = add ? (gateway.isPresent() ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK) : RT_SCOPE_NOWHERE;
        body.put((byte) family(destination.network())).put((byte) destination.bits()).put((byte) 0).put((byte) 0)
                .put((byte) RT_TABLE_MAIN).put((byte) (add ? RTPROT_BOOT : 0)).put((byte) scope)
                .put((byte) (add ? RTN_UNICAST : 0)).putInt(0);
        RtAttributes.put(body, RTA_DST, dst);
        if (gateway.isPresent()) {
            RtAttributes.put(body, RTA_GATEWAY, via);
        }
        RtAttributes.put(body, RTA_OIF, RtAttributes.u32Bytes(index));
        return message(add ? RTM_NEWROUTE : RTM_DELROUTE, add ? ADD : CHANGE, body);
    }

    /** Dump of every link (without statistics). */
    static NetlinkMessage dumpLinks() {
        ByteBuffer body = body(16 + RtAttributes.size(4));
        ifinfomsg(body, 0, 0, 0);
        RtAttributes.put(body, IFLA_EXT_MASK, RtAttributes.u32Bytes(RTEXT_FILTER_SKIP_STATS));
        return message(RTM_GETLINK, DUMP, body);
    }

    /** Dump of every address of every family. */
    static NetlinkMessage dumpAddresses() {
        ByteBuffer body = body(8);
        body.put((byte) AF_UNSPEC).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        return message(RTM_GETADDR, DUMP, body);
    }

    /** Dump of the routes of one family (every table: the reader keeps the main one). */
    static NetlinkMessage dumpRoutes(int family) {
        ByteBuffer body = body(12);
        body.put((byte) family).put(new byte[7]).putInt(0);
        return message(RTM_GETROUTE, DUMP, body);
    }

    static int family(InetAddress address) {
        return address instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    private static void ifinfomsg(ByteBuffer body, int index, int flags, int change) {
        body.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
    }

    private static ByteBuffer body(int size) {
        return ByteBuffer.allocate(size).order(NetlinkMessage.ORDER);
    }

    private static NetlinkMessage message(int type, int flags, ByteBuffer body) {
        if (body.hasRemaining()) {
            throw new IllegalStateException("request body sized wrongly: " + body.remaining() + " bytes left");
        }
        return new NetlinkMessage(type, flags, 0, 0, body.array());
    }
}

package dev.corridor.net.os;

import static dev.corridor.net.os.RtnetlinkRequests.AF_INET;
import static dev.corridor.net.os.RtnetlinkRequests.AF_INET6;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Reads the kernel's RTM_NEWLINK, RTM_NEWADDR and RTM_NEWROUTE messages (answers to gets and dumps)
 * into plain records; no I/O. Layouts of the fixed structures: see {@link RtnetlinkRequests}. A
 * message too short for its structure, an attribute overrunning the message or an address of the
 * wrong length for its family gives {@link NetlinkFormatException}.
 */
final class RtnetlinkReplies {
    static final int IFA_LABEL = 3;
    static final int RTM_F_CLONED = 0x200;

    private RtnetlinkReplies() {}

    /** A link: its index and name, MTU, and whether it is administratively up. */
    record Link(int index, String name, int mtu, boolean up) {}

    /** An address of a link (IFA_LOCAL, or IFA_ADDRESS when there is no local one, as IPv6 sends it). */
    record Address(int index, InetAddress local, int prefixLength) {}

    /**
     * A route: family, destination (0.0.0.0 or :: with length 0 for a default route), table, type,
     * rtmsg flags, and when present the gateway, output link index and metric.
     */
    record RouteEntry(int family, InetAddress destination, int destinationLength, int table, int type, int flags,
            Optional<InetAddress> gateway, Optional<Integer> outputIndex, long metric) {}

    static Link link(NetlinkMessage message) throws NetlinkFormatException {
        ByteBuffer body = fixed(message, RtnetlinkRequests.RTM_NEWLINK, 16, "ifinfomsg");
        body.getShort();
        body.getShort();
        int index = body.getInt();
        int flags = body.getInt();
        body.getInt();
        RtAttributes attributes = RtAttributes.parse(body);
        String name = attributes.string(RtnetlinkRequests.IFLA_IFNAME)
                .orElseThrow(() -> new NetlinkFormatException("link " + index + " without a name"));
        int mtu = attributes.u32(RtnetlinkRequests.IFLA_MTU).orElse(0);
        return new Link(index, name, mtu, (flags & RtnetlinkRequests.IFF_UP) != 0);
    }

    /** The address, or empty for a family other than IPv4 and IPv6. */
    static Optional<Address> address(NetlinkMessage message) throws NetlinkFormatException {
        ByteBuffer body = fixed(message, RtnetlinkRequests.RTM_NEWADDR, 8, "ifaddrmsg");
        int family = Byte.toUnsignedInt(body.get());
        if (family != AF_INET && family != AF_INET6) {
            return Optional.empty();
        }
        int prefixLength = Byte.toUnsignedInt(body.get());
        body.get();
        body.get();
        int index = body.getInt();
        RtAttributes attributes = RtAttributes.parse(body);
        Optional<byte[]> local = attributes.bytes(RtnetlinkRequests.IFA_LOCAL)
                .or(() -> attributes.bytes(RtnetlinkRequests.IFA_ADDRESS));
        if (local.isEmpty()) {
            throw new NetlinkFormatException("address on link " + index + " without IFA_LOCAL or IFA_ADDRESS");
        }
        InetAddress address = inet(family, local.get(), "address on link " + index);
        checkLength(prefixLength, family, "address on link " + index);
        return Optional.of(new Address(index, address, prefixLength));
    }

    /** The route, or empty for a family other than IPv4 and IPv6 (multicast routing, MPLS, ...). */
    static Optional<RouteEntry> route(NetlinkMessage message) throws NetlinkFormatException {
        ByteBuffer body = fixed(message, RtnetlinkRequests.RTM_NEWROUTE, 12, "rtmsg");
        int family = Byte.toUnsignedInt(body.get());
        if (family != AF_INET && family != AF_INET6) {
            return Optional.empty();
        }
        int destinationLength = Byte.toUnsignedInt(body.get());
        body.get();
        body.get();
        int table = Byte.toUnsignedInt(body.get());
        body.get();
        body.get();
        int type = Byte.toUnsignedInt(body.get());
        int flags = body.getInt();
        RtAttributes attributes = RtAttributes.parse(body);
        String what = "route of family " + family;
        checkLength(destinationLength, family, what);
        byte[] unspecified = new byte[family == AF_INET ? 4 : 16];
        InetAddress destination = inet(family, attributes.bytes(RtnetlinkRequests.RTA_DST).orElse(unspecified), what);
        Optional<byte[]> via = attributes.bytes(RtnetlinkRequests.RTA_GATEWAY);
        Optional<InetAddress> gateway = via.isPresent() ? Optional.of(inet(family, via.get(), what)) : Optional.empty();
        return Optional.of(new RouteEntry(family, destination, destinationLength,
                attributes.u32(RtnetlinkRequests.RTA_TABLE).orElse(table), type, flags, gateway,
                attributes.u32(RtnetlinkRequests.RTA_OIF),
                Integer.toUnsignedLong(attributes.u32(RtnetlinkRequests.RTA_PRIORITY).orElse(0))));
    }

    private static ByteBuffer fixed(NetlinkMessage message, int type, int size, String structure)
            throws NetlinkFormatException {
        if (message.type() != type) {
            throw new NetlinkFormatException("expected message type " + type + ", got " + message.type());
        }
        ByteBuffer body = message.body();
        if (body.remaining() < size) {
            throw new NetlinkFormatException(structure + " needs " + size + " bytes, the message holds "
                    + body.remaining());
        }
        return body;
    }

    private static InetAddress inet(int family, byte[] bytes, String what) throws NetlinkFormatException {
        int expected = family == AF_INET ? 4 : family == AF_INET6 ? 16 : -1;
        if (expected < 0) {
            throw new NetlinkFormatException(what + ": unknown address family " + family);
        }
        if (bytes.length != expected) {
            throw new NetlinkFormatException(what + ": an address of " + bytes.length + " bytes (" + expected
                    + " expected)");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new NetlinkFormatException(what + ": " + e.getMessage());
        }
    }

    private static void checkLength(int length, int family, String what) throws NetlinkFormatException {
        if (length > (family == AF_INET ? 32 : 128)) {
            throw new NetlinkFormatException(what + ": prefix length " + length + " too long for the family");
        }
    }
}

package dev.corridor.net.os;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test-only: encodes the messages the kernel sends (RTM_NEWLINK/NEWADDR/NEWROUTE, NLMSG_ERROR,
 * NLMSG_DONE) field by field, independently of the production code, which only decodes them.
 */
final class KernelReplies {
    private KernelReplies() {}

    static byte[] link(int sequence, int index, String name, int mtu, boolean up) {
        byte[] ifname = (name + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = buffer(16 + padded(4 + ifname.length) + 8);
        body.put((byte) 0).put((byte) 0).putShort((short) 0xfffe).putInt(index).putInt(up ? 0x1 | 0x10 : 0x10)
                .putInt(0);
        attribute(body, 3, ifname);
        attribute(body, 4, u32(mtu));
        return message(16, 0x2, sequence, body);
    }

    static byte[] address(int sequence, int index, InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        boolean v4 = bytes.length == 4;
        ByteBuffer body = buffer(8 + (v4 ? 2 : 1) * padded(4 + bytes.length));
        body.put((byte) (v4 ? 2 : 10)).put((byte) prefixLength).put((byte) 0).put((byte) 0).putInt(index);
        attribute(body, 1, bytes); // IFA_ADDRESS
        if (v4) {
            attribute(body, 2, bytes); // IFA_LOCAL: IPv4 only, as the kernel sends it
        }
        return message(20, 0x2, sequence, body);
    }

    /** A route; {@code gateway} null for none, {@code oif} 0 for none. */
    static byte[] route(int sequence, InetAddress destination, int length, int table, int type, int flags,
            InetAddress gateway, int oif, int metric) {
        byte[] dst = destination.getAddress();
        int size = 12 + 8 + 8 + (length > 0 ? padded(4 + dst.length) : 0)
                + (gateway != null ? padded(4 + dst.length) : 0) + (oif != 0 ? 8 : 0);
        ByteBuffer body = buffer(size);
        body.put((byte) (dst.length == 4 ? 2 : 10)).put((byte) length).put((byte) 0).put((byte) 0)
                .put((byte) Math.min(table, 252)).put((byte) 3).put((byte) 0).put((byte) type).putInt(flags);
        attribute(body, 15, u32(table));
        attribute(body, 6, u32(metric));
        if (length > 0) {
            attribute(body, 1, dst);
        }
        if (gateway != null) {
            attribute(body, 5, gateway.getAddress());
        }
        if (oif != 0) {
            attribute(body, 4, u32(oif));
        }
        return message(24, 0x2, sequence, body);
    }

    /** NLMSG_ERROR with {@code errno} (0: the acknowledgement), the request's header echoed (capped). */
    static byte[] error(int sequence, int errno, int requestType) {
        ByteBuffer body = buffer(4 + 16);
        body.putInt(-errno).putInt(16).putShort((short) requestType).putShort((short) 5).putInt(sequence).putInt(0);
        return message(2, 0x100, sequence, body);
    }

    static byte[] done(int sequence) {
        ByteBuffer body = buffer(4);
        body.putInt(0);
        return message(3, 0x2, sequence, body);
    }

    private static byte[] message(int type, int flags, int sequence, ByteBuffer body) {
        ByteBuffer out = buffer(16 + body.capacity());
        out.putInt(16 + body.capacity()).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(4242)
                .put(body.array());
        return out.array();
    }

    private static void attribute(ByteBuffer body, int type, byte[] value) {
        body.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        body.position(body.position() + padded(4 + value.length) - 4 - value.length);
    }

    private static byte[] u32(int value) {
        return buffer(4).putInt(value).array();
    }

    private static int padded(int length) {
        return (length + 3) / 4 * 4;
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }
}

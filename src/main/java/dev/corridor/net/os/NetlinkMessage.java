package dev.corridor.net.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One netlink message: the 16-byte {@code nlmsghdr} and its payload, encoded and decoded without any
 * I/O. Netlink headers and the kernel structures after them are in the host's byte order; several
 * messages may follow each other in one datagram, each padded to 4 bytes.
 *
 * <pre>
 *   0         4         6         8                  12                 16
 *   ├─────────┼─────────┼─────────┼──────────────────┼──────────────────┼──────── ─ ─ ┬ pad to 4
 *   │ length  │ type    │ flags   │ sequence         │ port id (pid)    │ payload    │
 *   │ u32     │ u16     │ u16     │ u32              │ u32              │            │
 *   └─────────┴─────────┴─────────┴──────────────────┴──────────────────┴──────── ─ ─ ┘
 *   length counts the header and the payload, not the padding after it
 * </pre>
 */
record NetlinkMessage(int type, int flags, int sequence, int portId, byte[] payload) {
    static final ByteOrder ORDER = ByteOrder.nativeOrder();
    static final int HEADER = 16;

    // message types every netlink family shares
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    // flags
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    /** On an NLMSG_ERROR: the request was not echoed back beyond its header. */
    static final int NLM_F_CAPPED = 0x100;
    /** On an NLMSG_ERROR: extended-ack attributes (the kernel's own error text) follow. */
    static final int NLM_F_ACK_TLVS = 0x200;

    NetlinkMessage {
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The same message with another sequence number. */
    NetlinkMessage withSequence(int newSequence) {
        return new NetlinkMessage(type, flags, newSequence, portId, payload);
    }

    /** The header and payload, padded to 4 bytes. */
    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(align(HEADER + payload.length)).order(ORDER);
        buffer.putInt(HEADER + payload.length).putShort((short) type).putShort((short) flags).putInt(sequence)
                .putInt(portId).put(payload);
        return buffer.array();
    }

    /** The payload as a buffer in host byte order. */
    ByteBuffer body() {
        return ByteBuffer.wrap(payload).order(ORDER);
    }

    /** Every message in the first {@code length} bytes of a datagram, in order. */
    static List<NetlinkMessage> parseAll(byte[] datagram, int length) throws NetlinkFormatException {
        if (length < 0 || length > datagram.length) {
            throw new NetlinkFormatException("datagram length " + length + " outside its buffer of " + datagram.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(datagram, 0, length).order(ORDER);
        List<NetlinkMessage> messages = new ArrayList<>();
        while (buffer.remaining() > 0) {
            int start = buffer.position();
            if (buffer.remaining() < HEADER) {
                throw new NetlinkFormatException(buffer.remaining() + " bytes left at offset " + start
                        + ", too few for a 16-byte header");
            }
            int messageLength = buffer.getInt();
            if (messageLength < HEADER || messageLength > length - start) {
                throw new NetlinkFormatException("message at offset " + start + " claims " + messageLength
                        + " bytes, but " + (length - start) + " are there (at least 16 needed)");
            }
            int type = Short.toUnsignedInt(buffer.getShort());
            int flags = Short.toUnsignedInt(buffer.getShort());
            int sequence = buffer.getInt();
            int portId = buffer.getInt();
            byte[] payload = new byte[messageLength - HEADER];
            buffer.get(payload);
            messages.add(new NetlinkMessage(type, flags, sequence, portId, payload));
            buffer.position(Math.min(length, start + align(messageLength)));
        }
        return messages;
    }

    /** {@code n} rounded up to a multiple of 4 (NLMSG_ALIGN, RTA_ALIGN). */
    static int align(int n) {
        return (n + 3) & ~3;
    }
}

package dev.corridor.net.os;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Route attributes ({@code struct rtattr}): the type-length-value list after {@code ifinfomsg},
 * {@code ifaddrmsg} or {@code rtmsg}, written and read without I/O. Each attribute is padded to
 * 4 bytes; its length counts its 4-byte header and value, not the padding.
 *
 * <pre>
 *   0         2         4
 *   ├─────────┼─────────┼──────── ─ ─ ┬ pad to 4 ┬ next attribute ...
 *   │ length  │ type    │ value       │ 0 0 0    │
 *   │ u16     │ u16     │             │          │
 *   └─────────┴─────────┴──────── ─ ─ ┘
 * </pre>
 *
 * Read back as the raw value of each type (the last one wins when a type repeats, which the
 * attributes read here never do); typed accessors check the value's length.
 */
final class RtAttributes {
    private static final int HEADER = 4;
    /** The upper bits of the type are flags (nested, network byte order), not part of the type. */
    private static final int TYPE_MASK = 0x3fff;

    private final Map<Integer, byte[]> values;

    private RtAttributes(Map<Integer, byte[]> values) {
        this.values = values;
    }

    /** Appends one attribute with its padding. */
    static void put(ByteBuffer out, int type, byte[] value) {
        out.putShort((short) (HEADER + value.length)).putShort((short) type).put(value);
        for (int i = value.length + HEADER; i < NetlinkMessage.align(value.length + HEADER); i++) {
            out.put((byte) 0);
        }
    }

    /** The space {@link #put} takes for a value of {@code length} bytes. */
    static int size(int length) {
        return NetlinkMessage.align(HEADER + length);
    }

    /** A u32 value in host byte order. */
    static byte[] u32Bytes(int value) {
        return ByteBuffer.allocate(4).order(NetlinkMessage.ORDER).putInt(value).array();
    }

    /** A NUL-terminated string value. */
    static byte[] nulTerminated(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** Reads the attributes from {@code in}'s position to its limit. */
    static RtAttributes parse(ByteBuffer in) throws NetlinkFormatException {
        Map<Integer, byte[]> values = new HashMap<>();
        while (in.remaining() >= HEADER) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort());
            int type = Short.toUnsignedInt(in.getShort()) & TYPE_MASK;
            if (length < HEADER || length - HEADER > in.remaining()) {
                throw new NetlinkFormatException("attribute " + type + " at offset " + start + " claims " + length
                        + " bytes, but " + (in.remaining() + HEADER) + " are left");
            }
            byte[] value = new byte[length - HEADER];
            in.get(value);
            values.put(type, value);
            in.position(Math.min(in.limit(), start + NetlinkMessage.align(length)));
        }
        if (in.remaining() > 0) {
            throw new NetlinkFormatException(in.remaining() + " stray bytes after the last attribute");
        }
        return new RtAttributes(values);
    }

    Optional<byte[]> bytes(int type) {
        return Optional.ofNullable(values.get(type)).map(byte[]::clone);
    }

    /** A u32 attribute; a value of another length is malformed. */
    Optional<Integer> u32(int type) throws NetlinkFormatException {
        byte[] value = values.get(type);
        if (value == null) {
            return Optional.empty();
        }
        if (value.length != 4) {
            throw new NetlinkFormatException("attribute " + type + " should hold 4 bytes, holds " + value.length);
        }
        return Optional.of(ByteBuffer.wrap(value).order(NetlinkMessage.ORDER).getInt());
    }

    /** A string attribute, up to its terminating NUL. */
    Optional<String> string(int type) {
        byte[] value = values.get(type);
        if (value == null) {
            return Optional.empty();
        }
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return Optional.of(new String(value, 0, end, StandardCharsets.UTF_8));
    }
}

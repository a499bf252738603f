package dev.corridor.protocol.keys;

/**
 * How a key-method-2 message spells its length fields: the stock OpenVPN layout or the one AWS's
 * patched client uses for long (SAML) passwords (protocol.md §4.1, §7.4).
 *
 * <pre>
 *  STOCK: u32 0          | 0x02 | [pre_master 48] | random1 32 | random2 32 | 4 x (u16 BE len incl NUL | bytes | NUL)
 *  AWS:   u32 LE total   | 0x02 | [pre_master 48] | random1 32 | random2 32 | 4 x (u32 BE len incl NUL | bytes | NUL)
 *         (total counts every byte of the message, these 4 included; an empty string is a bare 0 length)
 * </pre>
 *
 * A reader tells them apart by the first four bytes: all zero means stock, a little-endian value in
 * {@link #AWS_DETECT_MIN}..{@link #AWS_DETECT_MAX} means AWS, anything else is neither.
 */
public enum KeyMethod2Framing {
    /** u16 string lengths, leading u32 zero; the whole message must fit one 2048-byte TLS read. */
    STOCK(2, 2048),
    /** u32 BE string lengths, leading u32 LE total length; up to AWS's 256 KiB control buffer. */
    AWS(4, 256 * 1024);

    /** Smallest total length a reader takes as AWS framing: a server message with four empty strings. */
    public static final int AWS_DETECT_MIN = 85;
    /** Largest total length a reader takes as AWS framing (larger ones are then refused by the size limit). */
    public static final int AWS_DETECT_MAX = 1024 * 1024;

    private final int lengthFieldBytes;
    private final int maxMessageBytes;

    KeyMethod2Framing(int lengthFieldBytes, int maxMessageBytes) {
        this.lengthFieldBytes = lengthFieldBytes;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Width of each string's length field: 2 (stock) or 4 (AWS). */
    public int lengthFieldBytes() {
        return lengthFieldBytes;
    }

    /** The largest whole message this framing carries; writers refuse and readers reject longer ones. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }
}

package dev.corridor.protocol.data;

import dev.corridor.profile.DataChannelSettings.Compression;

/**
 * The compression framing of data-channel payloads (protocol.md §5.7). Corridor never compresses:
 * outgoing payloads only get the "not compressed" marker the setting asks for, and incoming
 * compressed payloads are refused.
 *
 * <pre>
 *  setting   outgoing (payload b0 b1 .. bn)        incoming
 *  NONE      b0 b1 .. bn                            as is
 *  LZO_NO    FA b0 b1 .. bn                         FA → strip; 66 (LZO) → COMPRESSED
 *  STUB      FB b1 .. bn b0   (swap: b0 to the end) FB → move last byte to front;
 *                                                   69 (LZ4), 66 (LZO) → COMPRESSED
 *  STUB_V2   b0 .. bn, but if b0 = 50: 50 00 b0..bn 50 00 → strip; 50 01..03 → COMPRESSED;
 *                                                   anything not starting with 50 → as is
 *  Any other framing byte → BAD_HEADER. Empty payloads are never framed (as OpenVPN's stubs).
 * </pre>
 *
 * <p>OpenVPN 2.x's own stub-v2 escape writes {@code 50 0A} although its decoder expects
 * {@code 50 00}; Corridor writes {@code 50 00} (the decoder's and openvpn3's view).
 */
public enum CompressionFraming {
    NONE,
    LZO_NO,
    STUB,
    STUB_V2;

    /** The most bytes framing adds to any payload. */
    public static final int MAX_ADDED_LENGTH = 2;

    static final int NO_COMPRESS_BYTE = 0xFA;
    static final int NO_COMPRESS_BYTE_SWAP = 0xFB;
    static final int LZO_COMPRESS_BYTE = 0x66;
    static final int LZ4_COMPRESS_BYTE = 0x69;
    static final int V2_INDICATOR_BYTE = 0x50;
    static final int V2_UNCOMPRESSED_BYTE = 0x00;
    /** V2 algorithm bytes 1 (LZ4), 2 (LZO), 3 (Snappy) mean "compressed". */
    static final int V2_LAST_ALGORITHM_BYTE = 0x03;

    /** The framing for a profile's or PUSH_REPLY's compression setting. */
    public static CompressionFraming of(Compression setting) {
        return switch (setting) {
            case NONE -> NONE;
            case LZO_NO -> LZO_NO;
            case STUB -> STUB;
            case STUB_V2 -> STUB_V2;
        };
    }

    /** How many bytes framing adds to this payload: 0, 1 or 2. */
    public int addedLength(byte[] payload, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        return switch (this) {
            case NONE -> 0;
            case LZO_NO, STUB -> 1;
            case STUB_V2 -> (payload[offset] & 0xFF) == V2_INDICATOR_BYTE ? 2 : 0;
        };
    }

    /**
     * Writes the framed payload to {@code target}, which must not overlap the payload.
     *
     * @return the framed length: {@code length + addedLength(...)}
     */
    public int frame(byte[] payload, int offset, int length, byte[] target, int targetOffset) {
        int added = addedLength(payload, offset, length);
        if (added == 0) {
            System.arraycopy(payload, offset, target, targetOffset, length);
        } else if (this == STUB) {
            target[targetOffset] = (byte) NO_COMPRESS_BYTE_SWAP;
            System.arraycopy(payload, offset + 1, target, targetOffset + 1, length - 1);
            target[targetOffset + length] = payload[offset];
        } else if (this == LZO_NO) {
            target[targetOffset] = (byte) NO_COMPRESS_BYTE;
            System.arraycopy(payload, offset, target, targetOffset + 1, length);
        } else {
            // STUB_V2 with a payload that starts with 0x50: escape it.
            target[targetOffset] = (byte) V2_INDICATOR_BYTE;
            target[targetOffset + 1] = (byte) V2_UNCOMPRESSED_BYTE;
            System.arraycopy(payload, offset, target, targetOffset + 2, length);
        }
        return length + added;
    }

    /**
     * Undoes the framing of an incoming payload. Swap framing is undone in place (the buffer is
     * changed); the other framings only tell how many leading bytes to skip.
     */
    public Deframing deframe(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return Deframing.AS_IS;
        }
        int first = buffer[offset] & 0xFF;
        return switch (this) {
            case LZO_NO -> first == NO_COMPRESS_BYTE ? Deframing.PREFIX_REMOVED
                    : first == LZO_COMPRESS_BYTE ? Deframing.COMPRESSED
                    : Deframing.BAD_HEADER;
            case STUB -> unswap(buffer, offset, length, first);
            case STUB_V2 -> deframeV2(buffer, offset, length, first);
            case NONE -> Deframing.AS_IS;
        };
    }

    private static Deframing unswap(byte[] buffer, int offset, int length, int first) {
        if (first == NO_COMPRESS_BYTE_SWAP) {
            buffer[offset] = buffer[offset + length - 1];
            return Deframing.UNSWAPPED;
        }
        return first == LZ4_COMPRESS_BYTE || first == LZO_COMPRESS_BYTE ? Deframing.COMPRESSED : Deframing.BAD_HEADER;
    }

    private static Deframing deframeV2(byte[] buffer, int offset, int length, int first) {
        if (first != V2_INDICATOR_BYTE) {
            return Deframing.AS_IS;
        }
        if (length == 1) {
            return Deframing.PREFIX_REMOVED;
        }
        int algorithm = buffer[offset + 1] & 0xFF;
        if (algorithm == V2_UNCOMPRESSED_BYTE) {
            return Deframing.ESCAPE_REMOVED;
        }
        return algorithm <= V2_LAST_ALGORITHM_BYTE ? Deframing.COMPRESSED : Deframing.BAD_HEADER;
    }
}

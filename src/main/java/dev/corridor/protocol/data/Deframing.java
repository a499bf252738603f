package dev.corridor.protocol.data;

import java.util.Optional;

/**
 * What {@link CompressionFraming#deframe} did to a payload: either how to find the uncompressed
 * payload in the buffer (skip bytes at the front, drop bytes at the end), or why it was refused.
 */
public enum Deframing {
    /** No framing byte: the payload is unchanged. */
    AS_IS(0, 0, null),
    /** One leading "not compressed" byte (0xFA, or a lone 0x50 in stub-v2) was removed. */
    PREFIX_REMOVED(1, 1, null),
    /** The stub-v2 escape {@code 0x50 0x00} was removed. */
    ESCAPE_REMOVED(2, 2, null),
    /** Swap framing undone in place: the last byte was moved back to the front, over the 0xFB. */
    UNSWAPPED(0, 1, null),
    /** The peer compressed this payload (LZO, LZ4, Snappy); Corridor does not decompress. */
    COMPRESSED(0, 0, DropReason.COMPRESSED),
    /** An unknown framing byte. */
    BAD_HEADER(0, 0, DropReason.BAD_COMPRESSION_HEADER);

    private final int offsetShift;
    private final int lengthReduction;
    private final Optional<DropReason> dropReason;

    Deframing(int offsetShift, int lengthReduction, DropReason dropReason) {
        this.offsetShift = offsetShift;
        this.lengthReduction = lengthReduction;
        this.dropReason = Optional.ofNullable(dropReason);
    }

    /** Whether the payload can be used. */
    public boolean accepted() {
        return dropReason.isEmpty();
    }

    /** Add to the payload offset to find the uncompressed payload. */
    public int offsetShift() {
        return offsetShift;
    }

    /** Subtract from the payload length to get the uncompressed payload's length. */
    public int lengthReduction() {
        return lengthReduction;
    }

    /** Why the payload must be dropped; empty when {@link #accepted()}. */
    public Optional<DropReason> dropReason() {
        return dropReason;
    }
}

package dev.corridor.transport;

import java.io.IOException;

/**
 * Sends a run of datagrams of one size with a single system call (Linux UDP segmentation offload):
 * the kernel cuts the bytes into datagrams of {@code segmentSize} and walks its stack once.
 *
 * <pre>
 *   data: | datagram 1 | datagram 2 | ... | datagram n (may be shorter) |
 *          segmentSize  segmentSize          1..segmentSize bytes
 * </pre>
 */
public interface SegmentedSend {
    /** Most datagrams one call may carry (the kernel's limit is 64 or more, depending on its version). */
    int MAX_SEGMENTS = 64;

    /** Most bytes one call may carry: what fits in one IP packet's UDP payload, with room to spare. */
    int MAX_BYTES = 65_000;

    /** What became of a segmented send. */
    enum Outcome {
        /** The kernel took all the datagrams. */
        SENT,
        /** Nothing was sent: a datagram of this size does not fit the path's MTU unfragmented, and
         *  segments cannot be fragmented. Send them one by one (the kernel fragments those). */
        SEGMENT_TOO_LARGE,
        /** Nothing was sent: the kernel cannot segment on this socket at all (too old, or a route or
         *  device without it). Send one by one from now on. */
        UNSUPPORTED
    }

    /**
     * Sends {@code data[0, length)} as datagrams of {@code segmentSize} bytes, the last one possibly
     * shorter, or nothing if the kernel refuses (see {@link Outcome}).
     */
    Outcome sendSegments(byte[] data, int length, int segmentSize) throws IOException;
}

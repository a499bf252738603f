package dev.corridor.client;

import dev.corridor.transport.PacketLink;
import dev.corridor.transport.SegmentedSend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sealed data packets collected back to back for one segmented send (UDP GSO): every packet as long
 * as the first, the last one possibly shorter, at most {@link SegmentedSend#MAX_SEGMENTS} packets and
 * {@link SegmentedSend#MAX_BYTES} bytes. Used by the TUN reader thread only; allocates nothing after
 * construction.
 *
 * <pre>
 *   buffer: | sealed 1 | sealed 2 | ... | sealed n |  next one is sealed here (offset())  |
 *           |<-- segmentSize each -->|  n may be shorter, which closes the batch
 *   a packet longer than segmentSize: the batch so far is sent, the packet starts the next one
 * </pre>
 *
 * When the kernel refuses a segmented send, the batch goes out one datagram at a time. If it cannot
 * segment at all, a warning is logged once and {@link #segmenting()} turns false for good; if the
 * datagrams were too large for the path's MTU (which only single datagrams may exceed, by being
 * fragmented), batches of that size and larger go out singly from then on.
 */
final class SealedBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SealedBatch.class);

    private final PacketLink link;
    private final LongAdder bytesOut;
    private final LongAdder packetsOut;
    private final byte[] buffer = new byte[SegmentedSend.MAX_BYTES + DataPlane.BUFFER_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private SegmentedSend segmented;
    private int segmentSize;
    /** The smallest segment size the path refused as larger than its MTU: no segmented sends from there up. */
    private int tooLarge = Integer.MAX_VALUE;
    private int count;
    private int filled;
    private long plainBytes;
    private long sentPackets;

    SealedBatch(SegmentedSend segmented, PacketLink link, LongAdder bytesOut, LongAdder packetsOut) {
        this.segmented = segmented;
        this.link = link;
        this.bytesOut = bytesOut;
        this.packetsOut = packetsOut;
    }

    /** The array the next packet is sealed into, at {@link #offset()}. */
    byte[] buffer() {
        return buffer;
    }

    /** Where the next packet is to be sealed. */
    int offset() {
        return filled;
    }

    /** Packets collected and not yet sent. */
    int pending() {
        return count;
    }

    /** Packets sent so far, in all. */
    long sentPackets() {
        return sentPackets;
    }

    /** False once the kernel refused a segmented send: the caller may as well send packets singly. */
    boolean segmenting() {
        return segmented != null;
    }

    /**
     * Makes room for a packet that seals into at most {@code capacity} bytes: sends the batch first
     * when it is full or the packet would not fit behind it.
     */
    void reserve(int capacity) throws IOException {
        if (count > 0 && (count == SegmentedSend.MAX_SEGMENTS || filled + capacity > SegmentedSend.MAX_BYTES)) {
            flush();
        }
    }

    /**
     * Takes the packet just sealed at {@link #offset()} ({@code sealedLength} bytes, from an IP packet
     * of {@code plainLength}); sends what the size rule requires.
     */
    void added(int sealedLength, int plainLength) throws IOException {
        if (count > 0 && sealedLength > segmentSize) {
            int start = filled;
            flush(); // it cannot follow shorter packets: they go first, it starts the next batch
            System.arraycopy(buffer, start, buffer, 0, sealedLength);
        }
        if (count == 0) {
            segmentSize = sealedLength;
        }
        count++;
        filled += sealedLength;
        plainBytes += plainLength;
        if (sealedLength < segmentSize || filled > SegmentedSend.MAX_BYTES) {
            flush(); // a shorter packet ends a batch; a single packet too long for one send goes alone
        }
    }

    /** Sends the collected packets (nothing when there are none) and counts them as sent. */
    void flush() throws IOException {
        if (count == 0) {
            return;
        }
        try {
            SegmentedSend.Outcome outcome = count == 1 || segmented == null || segmentSize >= tooLarge
                    || filled > SegmentedSend.MAX_BYTES ? SegmentedSend.Outcome.SEGMENT_TOO_LARGE
                    : segmented.sendSegments(buffer, filled, segmentSize);
            if (outcome == SegmentedSend.Outcome.UNSUPPORTED) {
                LOG.warn("The kernel refused UDP segmentation offload; sending one datagram per packet");
                segmented = null;
            } else if (outcome == SegmentedSend.Outcome.SEGMENT_TOO_LARGE && count > 1 && segmentSize < tooLarge) {
                tooLarge = segmentSize; // over the path's MTU: such batches go out singly from now on
            }
            if (outcome != SegmentedSend.Outcome.SENT) {
                for (int offset = 0; offset < filled; offset += segmentSize) {
                    view.limit(Math.min(filled, offset + segmentSize)).position(offset);
                    link.send(view);
                }
            }
            bytesOut.add(plainBytes);
            packetsOut.add(count);
            sentPackets += count;
        } finally {
            count = 0;
            filled = 0;
            plainBytes = 0;
        }
    }
}

package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.transport.SegmentedSend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The batch of sealed packets for segmented sends: the size rule, its limits and the fallbacks, with fakes. */
class SealedBatchTest {
    /** One segmented send as the fake kernel saw it. */
    record Segmented(byte[] data, int segmentSize) {}

    /** Records segmented sends; refuses them all once {@code refuse} is set, as an old kernel would. */
    static final class FakeSegments implements SegmentedSend {
        final List<Segmented> sends = new ArrayList<>();
        boolean refuse;
        int mtuPayload = Integer.MAX_VALUE;
        int attempts;

        @Override
        public Outcome sendSegments(byte[] data, int length, int segmentSize) {
            attempts++;
            if (refuse) {
                return Outcome.UNSUPPORTED;
            }
            if (segmentSize > mtuPayload) {
                return Outcome.SEGMENT_TOO_LARGE;
            }
            sends.add(new Segmented(Arrays.copyOf(data, length), segmentSize));
            return Outcome.SENT;
        }
    }

    @Test
    void segmentsOverThePathMtuGoOutSinglyAndAreNotTriedAgain() throws Exception {
        segments.mtuPayload = 1000;
        add(1200, 1);
        add(1200, 2);
        batch.flush();
        add(1200, 3);
        add(1200, 4);
        batch.flush();

        assertThat(segments.attempts).isEqualTo(1);
        assertThat(link.sent).extracting(bytes -> bytes.length).containsExactly(1200, 1200, 1200, 1200);
        assertThat(link.sent.get(3)).isEqualTo(filled(4, 1200));
        assertThat(batch.segmenting()).isTrue();

        add(900, 5);
        add(900, 6);
        batch.flush();

        assertThat(segments.sends).hasSize(1);
        assertThat(segments.sends.get(0).data()).isEqualTo(filled(5, 900, 900));
        assertThat(packetsOut.sum()).isEqualTo(6);
    }

    private final FakeSegments segments = new FakeSegments();
    private final RecordingLink link = new RecordingLink();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final SealedBatch batch = new SealedBatch(segments, link, bytesOut, packetsOut);

    /** "Seals" a packet of {@code length} bytes filled with {@code mark} (plain length = sealed - 10). */
    private void add(int length, int mark) throws Exception {
        batch.reserve(length);
        Arrays.fill(batch.buffer(), batch.offset(), batch.offset() + length, (byte) mark);
        batch.added(length, length - 10);
    }

    private static byte[] filled(int mark, int... lengths) {
        int total = Arrays.stream(lengths).sum();
        byte[] bytes = new byte[total];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            Arrays.fill(bytes, at, at + lengths[i], (byte) (mark + i));
            at += lengths[i];
        }
        return bytes;
    }

    @Test
    void equalPacketsGoOutInOneSegmentedSendAndAreCountedWhenSent() throws Exception {
        add(100, 1);
        add(100, 2);
        add(100, 3);
        assertThat(segments.sends).isEmpty();
        assertThat(packetsOut.sum()).isZero();

        batch.flush();

        assertThat(segments.sends).hasSize(1);
        assertThat(segments.sends.get(0).segmentSize()).isEqualTo(100);
        assertThat(segments.sends.get(0).data()).isEqualTo(filled(1, 100, 100, 100));
        assertThat(link.sent).isEmpty();
        assertThat(packetsOut.sum()).isEqualTo(3);
        assertThat(bytesOut.sum()).isEqualTo(270);
        assertThat(batch.pending()).isZero();
    }

    @Test
    void aShorterPacketEndsTheBatchAtOnce() throws Exception {
        add(100, 1);
        add(100, 2);
        add(60, 3);

        assertThat(segments.sends).hasSize(1);
        assertThat(segments.sends.get(0).data()).isEqualTo(filled(1, 100, 100, 60));
        assertThat(segments.sends.get(0).segmentSize()).isEqualTo(100);
        assertThat(batch.pending()).isZero();
        assertThat(batch.offset()).isZero();
    }

    @Test
    void aLongerPacketSendsTheBatchFirstAndStartsTheNextOne() throws Exception {
        add(100, 1);
        add(100, 2);
        add(150, 3);

        assertThat(segments.sends).hasSize(1);
        assertThat(segments.sends.get(0).data()).isEqualTo(filled(1, 100, 100));
        assertThat(batch.pending()).isEqualTo(1);

        add(150, 4);
        batch.flush();

        assertThat(segments.sends).hasSize(2);
        assertThat(segments.sends.get(1).data()).isEqualTo(filled(3, 150, 150));
        assertThat(segments.sends.get(1).segmentSize()).isEqualTo(150);
        assertThat(packetsOut.sum()).isEqualTo(4);
    }

    @Test
    void aFullBatchIsSentBeforeTheNextPacket() throws Exception {
        for (int i = 0; i < SegmentedSend.MAX_SEGMENTS; i++) {
            add(100, 7);
        }
        assertThat(segments.sends).isEmpty();

        add(100, 8);

        assertThat(segments.sends).hasSize(1);
        assertThat(segments.sends.get(0).data()).hasSize(100 * SegmentedSend.MAX_SEGMENTS);
        assertThat(batch.pending()).isEqualTo(1);
    }

    @Test
    void aBatchNeverGrowsPastTheBytesOneSendMayCarry() throws Exception {
        int size = 1400;
        int fit = SegmentedSend.MAX_BYTES / size;
        for (int i = 0; i <= fit; i++) {
            add(size, 1);
        }

        assertThat(segments.sends).hasSize(1);
        assertThat(segments.sends.get(0).data()).hasSize(size * fit);
        assertThat(batch.pending()).isEqualTo(1);
    }

    @Test
    void aBatchOfOneIsAnOrdinaryDatagram() throws Exception {
        add(100, 1);
        batch.flush();
        batch.flush(); // nothing left: sends nothing

        assertThat(segments.sends).isEmpty();
        assertThat(link.sent).hasSize(1);
        assertThat(link.sent.get(0)).isEqualTo(filled(1, 100));
        assertThat(packetsOut.sum()).isEqualTo(1);
    }

    @Test
    void whenTheKernelRefusesTheDatagramsGoOutOneByOneFromThenOn() throws Exception {
        segments.refuse = true;
        add(100, 1);
        add(100, 2);
        add(40, 3);

        assertThat(batch.segmenting()).isFalse();
        assertThat(link.sent).extracting(bytes -> bytes.length).containsExactly(100, 100, 40);
        assertThat(link.sent.get(1)).isEqualTo(filled(2, 100));
        assertThat(link.sent.get(2)).isEqualTo(filled(3, 40));
        assertThat(packetsOut.sum()).isEqualTo(3);
        assertThat(bytesOut.sum()).isEqualTo(210);

        segments.refuse = false;
        add(100, 4);
        add(100, 5);
        batch.flush();

        assertThat(segments.sends).isEmpty();
        assertThat(link.sent).hasSize(5);
    }
}

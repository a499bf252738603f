package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.transport.SegmentedSend;
import dev.corridor.tun.InMemoryTun;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TUN reader seals the packets queued on the device into segmented sends when the link offers them. */
class DataPlaneSegmentedSendTest {
    /** A link whose segmented sends are recorded and then kept datagram by datagram, as the kernel cuts them. */
    static final class SegmentingLink extends RecordingLink implements SegmentedSend {
        final List<int[]> segmentedSends = new ArrayList<>(); // {length, segment size}

        @Override
        public Outcome sendSegments(byte[] data, int length, int segmentSize) {
            segmentedSends.add(new int[] {length, segmentSize});
            for (int offset = 0; offset < length; offset += segmentSize) {
                send(ByteBuffer.wrap(data, offset, Math.min(segmentSize, length - offset)));
            }
            return Outcome.SENT;
        }

        @Override
        public Optional<SegmentedSend> segmentedSend() {
            return Optional.of(this);
        }
    }

    @Test
    void queuedPacketsOfOneSizeGoOutInOneSendAndEveryPacketIsCounted() throws Exception {
        SegmentingLink link = new SegmentingLink();
        DataPlane plane = TunnelFixtures.keyedPlane(link);
        InMemoryTun tun = new InMemoryTun("mem0", 1500);
        plane.attach(tun, false);
        for (int i = 0; i < 5; i++) {
            tun.inject(packet(0x45, 1400));
        }
        tun.inject(packet(0x60, 1400)); // IPv6 without IPv6 in the tunnel: dropped, not batched
        tun.inject(packet(0x45, 1400));
        tun.inject(packet(0x45, 100)); // shorter: closes the batch
        tun.close();

        Thread reader = new Thread(plane::runTunReader);
        reader.start();
        reader.join(5000);

        assertThat(reader.isAlive()).isFalse();
        assertThat(link.segmentedSends).hasSize(1);
        int segment = link.segmentedSends.get(0)[1];
        assertThat(link.segmentedSends.get(0)[0]).isEqualTo(6 * segment + (segment - 1300));
        assertThat(link.sent).hasSize(7);
        assertThat(plane.packetsOut.sum()).isEqualTo(7);
        assertThat(plane.bytesOut.sum()).isEqualTo(6 * 1400 + 100);
        assertThat(plane.ipv6Dropped.sum()).isEqualTo(1);
    }

    private static byte[] packet(int firstByte, int length) {
        byte[] packet = new byte[length];
        packet[0] = (byte) firstByte;
        return packet;
    }
}

package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.profile.DataChannelSettings;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.transport.InMemoryLink;
import dev.corridor.transport.PacketLink;
import dev.corridor.transport.SegmentedSend;
import dev.corridor.tun.InMemoryTun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The TUN reader seals the packets queued on the device into segmented sends when the link offers them. */
class DataPlaneSegmentedSendTest {
    /** An in-memory link whose segmented sends are recorded and then delivered datagram by datagram. */
    static final class SegmentingLink implements PacketLink, SegmentedSend {
        final InMemoryLink inner;
        final List<int[]> segmentedSends = new ArrayList<>(); // {length, segment size}

        SegmentingLink(InMemoryLink inner) {
            this.inner = inner;
        }

        @Override
        public Outcome sendSegments(byte[] data, int length, int segmentSize) {
            segmentedSends.add(new int[] {length, segmentSize});
            for (int offset = 0; offset < length; offset += segmentSize) {
                inner.send(ByteBuffer.wrap(data, offset, Math.min(segmentSize, length - offset)));
            }
            return Outcome.SENT;
        }

        @Override
        public Optional<SegmentedSend> segmentedSend() {
            return Optional.of(this);
        }

        @Override
        public void send(ByteBuffer packet) {
            inner.send(packet);
        }

        @Override
        public int receive(ByteBuffer destination) throws IOException {
            return inner.receive(destination);
        }

        @Override
        public InetSocketAddress remote() {
            return inner.remote();
        }

        @Override
        public boolean stream() {
            return false;
        }

        @Override
        public long droppedOversized() {
            return 0;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void queuedPacketsOfOneSizeGoOutInOneSendAndEveryPacketIsCounted() throws Exception {
        InMemoryLink[] links = InMemoryLink.pair(InMemoryLink.Impairment.NONE);
        SegmentingLink link = new SegmentingLink(links[0]);
        DataPlane plane = new DataPlane(link, DataCipher.forName("AES-256-GCM", "SHA1").orElseThrow(),
                OptionalInt.empty(), CompressionFraming.of(DataChannelSettings.Compression.NONE), new SecureRandom(),
                Clock.systemUTC());
        byte[] key = new byte[256];
        new SecureRandom().nextBytes(key);
        plane.install(0, Key2.of(key));
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
        assertThat(links[0].sentCount()).isEqualTo(7);
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

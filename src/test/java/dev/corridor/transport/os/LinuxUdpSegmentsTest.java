package dev.corridor.transport.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corridor.transport.SegmentedSend;
import dev.corridor.transport.UdpLink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A segmented send on a real loopback UDP socket arrives as separate datagrams (Linux only). */
class LinuxUdpSegmentsTest {
    @Test
    void oneSendArrivesAsOneDatagramPerSegment() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open()) {
            receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (UdpLink link = UdpLink.connect((InetSocketAddress) receiver.getLocalAddress())) {
                Optional<SegmentedSend> segments = link.segmentedSend();
                assumeTrue(segments.isPresent(), "UDP segmentation offload is not reachable here");
                byte[] data = new byte[3 * 1000 + 300];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) (i / 1000 + 1);
                }

                assertThat(segments.get().sendSegments(data, data.length, 1000)).isEqualTo(SegmentedSend.Outcome.SENT);

                ByteBuffer in = ByteBuffer.allocate(65536);
                for (int i = 0; i < 4; i++) {
                    in.clear();
                    receiver.receive(in);
                    in.flip();
                    byte[] expected = new byte[i < 3 ? 1000 : 300];
                    Arrays.fill(expected, (byte) (i + 1));
                    byte[] got = new byte[in.remaining()];
                    in.get(got);
                    assertThat(got).as("datagram %d", i).isEqualTo(expected);
                }
            }
        }
    }
}

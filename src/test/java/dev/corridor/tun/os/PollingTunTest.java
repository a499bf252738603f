package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The poll loop, framing, wake-up and descriptor handling of {@link PollingTun} on the real C
 * library, with a Unix datagram socket pair in place of the TUN descriptor (no root needed). The
 * address-family framing exercised here is the macOS utun path.
 */
class PollingTunTest {
    private static final Libc LIBC = NativeLibc.INSTANCE;
    private static final int ECONNREFUSED = 111;

    private PollingTun device;
    private int peer = -1;
    private final Memory peerBuffer = new Memory(70_000);

    private PollingTun open(PacketFraming framing, int pollMillis) throws Exception {
        int[] pair = SocketPair.open();
        peer = pair[1];
        device = new PollingTun(LIBC, pair[0], "test0", 1500, framing, pollMillis);
        return device;
    }

    /** A device on a non-blocking descriptor that reads before polling, as on Linux. */
    private PollingTun openReadingFirst(int pollMillis) throws Exception {
        int[] pair = SocketPair.openNonBlocking();
        peer = pair[1];
        device = new PollingTun(LIBC, pair[0], "test0", 1500, new PacketFraming.Bare(), pollMillis, true);
        return device;
    }

    /** A read on another thread, checked to be still waiting 200 ms later. */
    private CompletableFuture<Integer> readWaitingInPoll() throws InterruptedException {
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return device.read(ByteBuffer.allocate(2048));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(reader).isNotDone();
        return reader;
    }

    @AfterEach
    void closeAll() {
        if (device != null) {
            device.close();
        }
        if (peer >= 0) {
            LIBC.close(peer);
        }
        peerBuffer.close();
    }

    /** The "kernel" hands a frame to the device. */
    private void kernelSends(byte... frame) {
        peerBuffer.write(0, frame, 0, frame.length);
        assertThat(LIBC.write(peer, peerBuffer, frame.length)).isEqualTo(frame.length);
    }

    /** The next frame the device wrote, as the "kernel" sees it. */
    private byte[] kernelReceives() {
        long length = LIBC.read(peer, peerBuffer, peerBuffer.size());
        assertThat(length).isPositive();
        return peerBuffer.getByteArray(0, (int) length);
    }

    private static byte[] ipv4(int length) {
        byte[] packet = new byte[length];
        packet[0] = 0x45;
        for (int i = 1; i < length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }

    private static byte[] concat(byte[] header, byte[] packet) {
        byte[] frame = new byte[header.length + packet.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(packet, 0, frame, header.length, packet.length);
        return frame;
    }

    @Test
    void barePacketsPassBothWaysUnchanged() throws Exception {
        open(new PacketFraming.Bare(), 200);
        byte[] packet = ipv4(100);
        kernelSends(packet);
        ByteBuffer destination = ByteBuffer.allocate(2048);
        destination.position(7);

        assertThat(device.read(destination)).isEqualTo(100);
        assertThat(destination.position()).isZero();
        assertThat(destination.limit()).isEqualTo(100);
        assertThat(destination.array()).startsWith(packet);

        byte[] reply = ipv4(60);
        ByteBuffer window = ByteBuffer.wrap(concat(new byte[5], reply), 5, 60);
        device.write(window);
        assertThat(window.hasRemaining()).isFalse();
        assertThat(kernelReceives()).containsExactly(reply);
    }

    @Test
    void utunFramesCarryTheAddressFamilyOnTheWireButNotInThePacket() throws Exception {
        open(PacketFraming.AddressFamilyHeader.DARWIN, 200);
        byte[] packet = ipv4(40);
        kernelSends(concat(new byte[] {0, 0, 0, 2}, packet));
        ByteBuffer destination = ByteBuffer.allocateDirect(2048);

        assertThat(device.read(destination)).isEqualTo(40);
        byte[] delivered = new byte[40];
        destination.get(delivered);
        assertThat(delivered).containsExactly(packet);

        byte[] ipv6 = new byte[48];
        ipv6[0] = 0x60;
        ipv6[47] = 9;
        device.write(ByteBuffer.wrap(ipv6));
        assertThat(kernelReceives()).containsExactly(concat(new byte[] {0, 0, 0, 30}, ipv6));
    }

    @Test
    void framesThatCannotBeDeliveredAreDroppedAndTheNextOneStillArrives() throws Exception {
        open(PacketFraming.AddressFamilyHeader.DARWIN, 200);
        ByteBuffer destination = ByteBuffer.allocate(100);
        kernelSends(concat(new byte[] {0, 0, 0, 99}, ipv4(40))); // unknown family
        kernelSends(concat(new byte[] {0, 0, 0, 2}, ipv4(101))); // larger than the caller's buffer
        kernelSends(concat(new byte[] {0, 0, 0, 2}, ipv4(100)));

        assertThat(device.read(destination)).isZero();
        assertThat(device.read(destination)).isZero();
        assertThat(device.read(destination)).isEqualTo(100);

        device.write(ByteBuffer.wrap(new byte[] {0x50, 1, 2, 3})); // neither IPv4 nor IPv6: not sent
        device.write(ByteBuffer.wrap(ipv4(20)));
        assertThat(kernelReceives()).startsWith(0, 0, 0, 2, 0x45).hasSize(24);
    }

    @Test
    void aReadWithNothingToReadReturnsZeroAfterThePollTimeout() throws Exception {
        open(new PacketFraming.Bare(), 50);
        long start = System.nanoTime();
        assertThat(device.read(ByteBuffer.allocate(2048))).isZero();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).isBetween(40L, 2_000L);
    }

    @Test
    void closeWakesAReadThatWouldWaitTenSecondsAndClosesTheDescriptor() throws Exception {
        open(new PacketFraming.Bare(), 10_000);
        CompletableFuture<Integer> reader = readWaitingInPoll();
        long start = System.nanoTime();
        device.close();
        assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);

        assertThat(device.read(ByteBuffer.allocate(10))).isEqualTo(-1);
        device.write(ByteBuffer.wrap(ipv4(20))); // dropped quietly, as InMemoryTun does
        peerBuffer.setByte(0, (byte) 0x45);
        assertThat(LIBC.write(peer, peerBuffer, 1)).as("the device end is closed").isEqualTo(-ECONNREFUSED);
    }

    @Test
    void readingFirstDeliversQueuedPacketsInOrderAndWaitsInPollWhenTheQueueIsEmpty() throws Exception {
        Assumptions.assumeTrue(OsFamily.current() == OsFamily.LINUX, "SOCK_NONBLOCK is Linux's");
        openReadingFirst(50);
        ByteBuffer destination = ByteBuffer.allocate(2048);
        for (int length = 100; length < 105; length++) {
            kernelSends(ipv4(length));
        }
        for (int length = 100; length < 105; length++) {
            assertThat(device.read(destination)).isEqualTo(length);
            assertThat(destination.array()).startsWith(ipv4(length));
        }

        long start = System.nanoTime();
        assertThat(device.read(destination)).as("nothing queued: EAGAIN, then the poll times out").isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(40L, 2_000L);

        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                int length;
                do {
                    length = device.read(destination);
                } while (length == 0);
                return length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        kernelSends(ipv4(60));
        assertThat(reader.get(5, TimeUnit.SECONDS)).as("a packet arriving during the poll").isEqualTo(60);
    }

    @Test
    void closeWakesAReadingFirstDeviceWaitingInPoll() throws Exception {
        Assumptions.assumeTrue(OsFamily.current() == OsFamily.LINUX, "SOCK_NONBLOCK is Linux's");
        openReadingFirst(10_000);
        CompletableFuture<Integer> reader = readWaitingInPoll();
        device.close();
        assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void closeTwiceIsHarmless() throws Exception {
        open(new PacketFraming.Bare(), 200);
        device.close();
        device.close();
        assertThat(device.read(ByteBuffer.allocate(10))).isEqualTo(-1);
    }

    @Test
    void theSteadyStateAllocatesNothingPerPacket() throws Exception {
        open(PacketFraming.AddressFamilyHeader.DARWIN, 200);
        byte[] frame = concat(new byte[] {0, 0, 0, 2}, ipv4(1400));
        peerBuffer.write(0, frame, 0, frame.length);
        ByteBuffer destination = ByteBuffer.allocate(2048);
        ByteBuffer outgoing = ByteBuffer.wrap(ipv4(1400));
        Runnable roundTrip = () -> {
            try {
                LIBC.write(peer, peerBuffer, frame.length);
                device.read(destination);
                outgoing.clear();
                device.write(outgoing);
                LIBC.read(peer, peerBuffer, peerBuffer.size());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (int i = 0; i < 20_000; i++) {
            roundTrip.run();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int packets = 10_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < packets; i++) {
            roundTrip.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("PollingTun: %d bytes allocated over %d read+write round trips%n", allocated, packets);
        assertThat(allocated).as("bytes allocated for %d reads and %d writes", packets, packets).isLessThan(4_096);
    }
}

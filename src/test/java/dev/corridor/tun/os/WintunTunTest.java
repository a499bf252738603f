package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Wintun session loop against {@link FakeWintun}: receiving, waiting, timeouts, close, a full ring. */
class WintunTunTest {
    private final FakeWintun wintun = new FakeWintun();

    private WintunTun open(int waitMillis) throws IOException {
        return (WintunTun) WindowsWintun.open(wintun, "Test", 1400, waitMillis);
    }

    private static byte[] packet(int length, int first) {
        byte[] packet = new byte[length];
        packet[0] = (byte) first;
        for (int i = 1; i < length; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }

    private static CompletableFuture<Integer> readAsync(TunDevice device, ByteBuffer destination) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return device.read(destination);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWaitingPacketIsCopiedOutAndReleased() throws Exception {
        WintunTun device = open(200);
        byte[] packet = packet(300, 0x45);
        wintun.arrive(packet);
        ByteBuffer destination = ByteBuffer.allocate(2048);

        assertThat(device.read(destination)).isEqualTo(300);
        assertThat(destination.remaining()).isEqualTo(300);
        assertThat(destination.array()).startsWith(packet);
        assertThat(wintun.unreleased).isZero();

        wintun.arrive(packet);
        ByteBuffer direct = ByteBuffer.allocateDirect(2048);
        assertThat(device.read(direct)).isEqualTo(300);
        byte[] copied = new byte[300];
        direct.get(copied);
        assertThat(copied).containsExactly(packet);
        device.close();
    }

    @Test
    void aReadWaitsOnTheReadEventUntilAPacketArrives() throws Exception {
        WintunTun device = open(10_000);
        ByteBuffer destination = ByteBuffer.allocate(2048);
        CompletableFuture<Integer> reader = readAsync(device, destination);
        Thread.sleep(150);
        assertThat(reader).isNotDone();
        wintun.arrive(packet(80, 0x60));
        assertThat(reader.get(2, TimeUnit.SECONDS)).isEqualTo(80);
        device.close();
    }

    @Test
    void aReadWithNothingToReadReturnsZeroAfterTheWait() throws Exception {
        WintunTun device = open(50);
        long start = System.nanoTime();
        assertThat(device.read(ByteBuffer.allocate(2048))).isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(40L, 2_000L);
        device.close();
    }

    @Test
    void closeSetsTheQuitEventSoAWaitingReadReturnsMinusOneThenEndsTheSession() throws Exception {
        WintunTun device = open(10_000);
        CompletableFuture<Integer> reader = readAsync(device, ByteBuffer.allocate(2048));
        Thread.sleep(150);
        long start = System.nanoTime();
        device.close();
        assertThat(reader.get(2, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        assertThat(wintun.lifecycle).containsSubsequence(
                "setEvent quit", "endSession", "closeAdapter", "closeHandle quit");

        device.close();
        assertThat(wintun.lifecycle.stream().filter("endSession"::equals)).hasSize(1);
        assertThat(device.read(ByteBuffer.allocate(10))).isEqualTo(-1);
        device.write(ByteBuffer.wrap(packet(20, 0x45)));
        assertThat(wintun.drainSent()).isEmpty();
    }

    @Test
    void writesGoIntoTheSendRingFromHeapWindowsAndDirectBuffers() throws Exception {
        WintunTun device = open(200);
        byte[] packet = packet(100, 0x45);
        byte[] padded = new byte[110];
        System.arraycopy(packet, 0, padded, 10, 100);
        ByteBuffer window = ByteBuffer.wrap(padded, 10, 100);
        device.write(window);
        assertThat(window.hasRemaining()).isFalse();
        ByteBuffer direct = ByteBuffer.allocateDirect(100).put(packet).flip();
        device.write(direct);

        assertThat(wintun.drainSent()).satisfiesExactly(
                first -> assertThat(first).containsExactly(packet),
                second -> assertThat(second).containsExactly(packet));
        device.close();
    }

    @Test
    void aFullSendRingDropsAndCountsThePacket() throws Exception {
        WintunTun device = open(200);
        wintun.sendRingSlots = 1;
        device.write(ByteBuffer.wrap(packet(60, 0x45)));
        ByteBuffer second = ByteBuffer.wrap(packet(60, 0x45));
        device.write(second);

        assertThat(device.droppedWrites()).isEqualTo(1);
        assertThat(second.hasRemaining()).as("a dropped packet is consumed").isFalse();
        assertThat(wintun.drainSent()).hasSize(1);
        device.write(ByteBuffer.wrap(packet(60, 0x45)));
        assertThat(wintun.drainSent()).hasSize(1);
        device.close();
    }

    @Test
    void aVanishedAdapterIsAnError() throws Exception {
        WintunTun device = open(200);
        wintun.adapterGone = true;
        assertThatThrownBy(() -> device.read(ByteBuffer.allocate(2048)))
                .isInstanceOf(IOException.class).hasMessage("Test: the Wintun adapter went away");
        assertThatThrownBy(() -> device.write(ByteBuffer.wrap(packet(20, 0x45))))
                .isInstanceOf(IOException.class).hasMessage("Test: the Wintun adapter went away");
        device.close();
    }

    @Test
    void aPacketLargerThanTheBufferIsDroppedButReleased() throws Exception {
        WintunTun device = open(200);
        wintun.arrive(packet(200, 0x45));
        assertThat(device.read(ByteBuffer.allocate(100))).isZero();
        assertThat(wintun.unreleased).isZero();
        device.close();
    }

    @Test
    void theDeviceAllocatesNothingPerPacket() throws Exception {
        WintunTun device = open(200);
        wintun.keepSent = false;
        byte[] packet = packet(1400, 0x45);
        ByteBuffer destination = ByteBuffer.allocate(2048);
        ByteBuffer outgoing = ByteBuffer.wrap(packet);
        Runnable roundTrip = () -> {
            try {
                wintun.arrive(packet);
                device.read(destination);
                outgoing.clear();
                device.write(outgoing);
            } catch (IOException e) {
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
        System.out.printf("WintunTun: %d bytes allocated over %d read+write round trips%n", allocated, packets);
        assertThat(wintun.sentCount).isEqualTo(30_000);
        assertThat(allocated).as("bytes allocated for %d reads and %d writes", packets, packets).isLessThan(4_096);
        device.close();
    }
}

package dev.corridor.client;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.data.SealResult;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.transport.PacketLink;
import dev.corridor.tun.TunDevice;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The client's per-packet data path through {@link DataPlane}, as the TUN reader and the network
 * reader run it: {@code sealAndSend} (current key, send lock, seal, link send, counters) and
 * {@code openAndDeliver} (key id, open, TUN write, counters). The link and the TUN device are
 * discarding stand-ins, so what is measured is Corridor's own work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataPlaneBenchmark {
    private static final int RING = 1024;

    /** CBC ciphers are named {@code cipher/digest}. */
    @Param({"AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305", "AES-128-CBC/SHA1", "AES-256-CBC/SHA256"})
    public String cipher;

    @Param({"64", "1400"})
    public int size;

    private DataPlane plane;
    private byte[] ip;
    private byte[][] packets;
    private byte[] out;
    private int next;

    /** Discards what is sent. */
    private static final class DiscardLink implements PacketLink {
        private final InetSocketAddress remote = new InetSocketAddress("192.0.2.1", 1194);

        @Override
        public void send(ByteBuffer packet) {
            packet.position(packet.limit());
        }

        @Override
        public int receive(ByteBuffer destination) {
            return -1;
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
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
        }
    }

    /** Discards what is written. */
    private static final class DiscardTun implements TunDevice {
        @Override
        public String name() {
            return "discard0";
        }

        @Override
        public int mtu() {
            return 1500;
        }

        @Override
        public int read(ByteBuffer destination) {
            return -1;
        }

        @Override
        public void write(ByteBuffer packet) {
            packet.position(packet.limit());
        }

        @Override
        public void close() {
        }
    }

    @Setup
    public void setUp() {
        String[] names = (cipher + "/SHA1").split("/");
        DataCipher dataCipher = DataCipher.forName(names[0], names[1]).orElseThrow();
        byte[] key2 = new byte[256];
        for (int i = 0; i < key2.length; i++) {
            key2[i] = (byte) (i * 7 + 3);
        }
        plane = new DataPlane(new DiscardLink(), dataCipher, OptionalInt.of(1), CompressionFraming.NONE,
                new SecureRandom(), Clock.systemUTC());
        plane.install(0, Key2.of(key2));
        plane.attach(new DiscardTun(), false);
        ip = new byte[size];
        new Random(3).nextBytes(ip);
        ip[0] = 0x45;

        DataChannelSealer server = DataChannelSealer.create(dataCipher, DataKeys.fromKey2(key2, Role.SERVER).outgoing(),
                0, OptionalInt.of(1), CompressionFraming.NONE, new SecureRandom());
        packets = new byte[RING][];
        byte[] buffer = new byte[server.requiredCapacity(size)];
        for (int i = 0; i < RING; i++) {
            SealResult.Sealed sealed = (SealResult.Sealed) server.seal(ip, 0, size, buffer, 0);
            packets[i] = Arrays.copyOf(buffer, sealed.length());
        }
        out = new byte[DataPlane.BUFFER_BYTES];
    }

    @Benchmark
    public boolean sealAndSend() throws Exception {
        return plane.sealAndSend(ip, size);
    }

    @Benchmark
    public PayloadKind openAndDeliver() throws Exception {
        int index = next++ & (RING - 1);
        if (index == 0) {
            plane.currentKeys().openers()[0].replayWindow().reset();
        }
        byte[] packet = packets[index];
        PayloadKind kind = plane.openAndDeliver(packet, packet.length, out);
        if (kind != PayloadKind.IP_PACKET) {
            throw new IllegalStateException("benchmark packet not delivered: " + kind);
        }
        return kind;
    }
}

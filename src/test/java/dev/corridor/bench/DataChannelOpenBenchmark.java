package dev.corridor.bench;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelOpener;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.DropCounters;
import dev.corridor.protocol.data.OpenResult;
import dev.corridor.protocol.data.ReplayWindow;
import dev.corridor.protocol.data.SealResult;
import java.security.SecureRandom;
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
 * Opening one P_DATA_V2 packet per operation (authenticate, decrypt, replay window, framing,
 * classification), per cipher and size. The packets are sealed in advance, 1024 of them with
 * consecutive ids; after each round the replay window is reset so that they are fresh again (a
 * 64-slot fill per 1024 operations).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataChannelOpenBenchmark {
    private static final int RING = 1024;

    @Param({"AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305", "AES-128-CBC/SHA1", "AES-256-CBC/SHA256"})
    public String cipher;

    @Param({"64", "512", "1400"})
    public int size;

    private DataChannelOpener opener;
    private ReplayWindow window;
    private byte[][] packets;
    private byte[] out;
    private int next;

    @Setup
    public void setUp() {
        DataCipher dataCipher = BenchCiphers.parse(cipher);
        byte[] key2 = BenchCiphers.key2();
        DataChannelSealer sealer = DataChannelSealer.create(dataCipher, DataKeys.fromKey2(key2, Role.SERVER).outgoing(), 0,
                OptionalInt.of(1), CompressionFraming.NONE, new SecureRandom());
        window = ReplayWindow.withDefaults();
        opener = DataChannelOpener.create(dataCipher, DataKeys.fromKey2(key2, Role.CLIENT).incoming(), 0,
                CompressionFraming.NONE, window, new DropCounters());
        byte[] payload = new byte[size];
        new Random(2).nextBytes(payload);
        payload[0] = 0x45;
        packets = new byte[RING][];
        byte[] buffer = new byte[sealer.requiredCapacity(size)];
        for (int i = 0; i < RING; i++) {
            SealResult.Sealed sealed = (SealResult.Sealed) sealer.seal(payload, 0, size, buffer, 0);
            packets[i] = Arrays.copyOf(buffer, sealed.length());
        }
        out = new byte[opener.requiredOutputCapacity(packets[0].length)];
    }

    @Benchmark
    public int open() {
        int index = next++ & (RING - 1);
        if (index == 0) {
            window.reset();
        }
        byte[] packet = packets[index];
        OpenResult result = opener.open(packet, 0, packet.length, out, 0, 0L);
        if (result instanceof OpenResult.Payload payload) {
            return payload.length();
        }
        throw new IllegalStateException("benchmark packet dropped: " + result);
    }
}

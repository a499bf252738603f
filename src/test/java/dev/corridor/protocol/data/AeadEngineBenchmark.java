package dev.corridor.protocol.data;

import dev.corridor.protocol.Role;
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
 * The AEAD ciphers' two implementations side by side, so that one JMH run compares them: {@code JCE}
 * (SunJCE, a {@code Cipher.init} per packet) and {@code DIRECT} (Corridor's {@link AeadPrimitive}s,
 * keyed once). Each operation seals, or opens, one P_DATA_V2 packet through the full
 * {@link DataChannelSealer} / {@link DataChannelOpener} path in its record-free data-path form
 * ({@code sealPacket} / {@code openPacket}), so B/op is the cipher's own allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AeadEngineBenchmark {
    private static final int RING = 1024;

    @Param({"AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305"})
    public String cipher;

    @Param({"JCE", "DIRECT"})
    public String engine;

    @Param({"64", "512", "1400"})
    public int size;

    private DataChannelSealer sealer;
    private byte[] payload;
    private byte[] packet;
    private DataChannelOpener opener;
    private ReplayWindow window;
    private byte[][] packets;
    private byte[] out;
    private int next;

    @Setup
    public void setUp() {
        AeadCipher aead = AeadCipher.forName(cipher).orElseThrow();
        CipherEngines.AeadEngine chosen = CipherEngines.AeadEngine.valueOf(engine);
        byte[] key2 = new byte[256];
        for (int i = 0; i < key2.length; i++) {
            key2[i] = (byte) (i * 7 + 3);
        }
        DataKeys client = DataKeys.fromKey2(key2, Role.CLIENT);
        DataKeys server = DataKeys.fromKey2(key2, Role.SERVER);
        sealer = DataChannelSealer.create(aead, client.outgoing(), 0, OptionalInt.of(1), CompressionFraming.NONE,
                chosen);
        payload = new byte[size];
        new Random(1).nextBytes(payload);
        payload[0] = 0x45;
        packet = new byte[sealer.requiredCapacity(size)];

        DataChannelSealer peer = DataChannelSealer.create(aead, server.outgoing(), 0, OptionalInt.of(1),
                CompressionFraming.NONE, chosen);
        window = ReplayWindow.withDefaults();
        opener = DataChannelOpener.create(aead, client.incoming(), 0, CompressionFraming.NONE, window,
                new DropCounters(), chosen);
        packets = new byte[RING][];
        byte[] buffer = new byte[peer.requiredCapacity(size)];
        for (int i = 0; i < RING; i++) {
            SealResult.Sealed sealed = (SealResult.Sealed) peer.seal(payload, 0, size, buffer, 0);
            packets[i] = Arrays.copyOf(buffer, sealed.length());
        }
        out = new byte[opener.requiredOutputCapacity(packets[0].length)];
    }

    @Benchmark
    public int seal() {
        return sealer.sealPacket(payload, 0, size, packet, 0);
    }

    @Benchmark
    public int open() {
        int index = next++ & (RING - 1);
        if (index == 0) {
            window.reset();
        }
        byte[] input = packets[index];
        if (opener.openPacket(input, 0, input.length, out, 0, 0L)) {
            return opener.payloadLength();
        }
        throw new IllegalStateException("benchmark packet dropped: " + opener.lastDropReason());
    }
}

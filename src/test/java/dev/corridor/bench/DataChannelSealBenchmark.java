package dev.corridor.bench;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.SealResult;
import java.security.SecureRandom;
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

/** Sealing one IP packet (P_DATA_V2, no compression framing) per operation, per cipher and size. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataChannelSealBenchmark {

    @Param({"AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305", "AES-128-CBC/SHA1", "AES-256-CBC/SHA256"})
    public String cipher;

    @Param({"64", "512", "1400"})
    public int size;

    private DataChannelSealer sealer;
    private byte[] payload;
    private byte[] packet;

    @Setup
    public void setUp() {
        DataKeys keys = DataKeys.fromKey2(BenchCiphers.key2(), Role.CLIENT);
        sealer = DataChannelSealer.create(BenchCiphers.parse(cipher), keys.outgoing(), 0, OptionalInt.of(1),
                CompressionFraming.NONE, new SecureRandom());
        payload = new byte[size];
        new Random(1).nextBytes(payload);
        payload[0] = 0x45;
        packet = new byte[sealer.requiredCapacity(size)];
    }

    @Benchmark
    public int seal() {
        SealResult result = sealer.seal(payload, 0, size, packet, 0);
        return result instanceof SealResult.Sealed sealed ? sealed.length() : -1;
    }
}

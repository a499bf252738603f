package dev.corridor.protocol.data;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The parts of the AEAD work on their own, to see where a packet's time goes: GHASH (the process's
 * choice, see {@link GhashImplementation}, and the plain-Java one), the AES keystream through a
 * once-initialised ECB cipher, ChaCha20, Poly1305, SunJCE's AES-GCM seal as the reference, and
 * HMAC-SHA256 through the JCE {@code Mac} and through {@link Hmac}. {@code sunJceGcmOpenReusedSpec}
 * answers whether SunJCE still allocates when nothing new is handed to {@code init}: the same key
 * and the same parameter spec object every time (possible for decryption only, which does not
 * refuse a repeated nonce).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AeadPartsBenchmark {
    @Param({"1408"})
    public int size;

    private byte[] data;
    private byte[] out;
    private Ghash ghash;
    private Ghash tableGhash;
    private Cipher ecb;
    private ChaCha20 chacha;
    private Poly1305 poly;
    private byte[] polyKey;
    private Cipher gcm;
    private SecretKeySpec key;
    private byte[] nonce;
    private int counter;
    private GCMParameterSpec fixedSpec;
    private byte[] sealedOnce;
    private Mac jceHmac;
    private Hmac hmac;

    @Setup
    public void setUp() throws Exception {
        Random random = new Random(5);
        data = new byte[size];
        random.nextBytes(data);
        out = new byte[size + 64];
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        byte[] h = new byte[16];
        random.nextBytes(h);
        ghash = Ghash.forSubkey(h);
        tableGhash = new TableGhash(h);
        key = new SecretKeySpec(keyBytes, "AES");
        ecb = Jce.cipher("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, key);
        chacha = new ChaCha20(keyBytes);
        poly = new Poly1305();
        polyKey = keyBytes.clone();
        gcm = Jce.cipher("AES/GCM/NoPadding");
        nonce = new byte[12];
        fixedSpec = new GCMParameterSpec(128, nonce);
        gcm.init(Cipher.ENCRYPT_MODE, key, fixedSpec);
        sealedOnce = gcm.doFinal(data);
        jceHmac = Mac.getInstance("HmacSHA256");
        jceHmac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
        hmac = new Hmac(HmacDigest.SHA256, keyBytes);
    }

    @Benchmark
    public long ghash() {
        ghash.reset();
        ghash.update(data, 0, size);
        return ghash.hi();
    }

    /** The plain-Java GHASH, whichever implementation {@link #ghash} is. */
    @Benchmark
    public long ghashPlainJava() {
        tableGhash.reset();
        tableGhash.update(data, 0, size);
        return tableGhash.hi();
    }

    @Benchmark
    public int aesEcb() throws Exception {
        return ecb.update(data, 0, size, out, 0);
    }

    @Benchmark
    public byte chacha20() {
        chacha.xor(1, 2, 3, 1, data, 0, size, out, 0);
        return out[0];
    }

    @Benchmark
    public byte poly1305() {
        poly.start(polyKey, 0);
        poly.updatePadded(data, 0, size);
        poly.finish(out, 0);
        return out[0];
    }

    @Benchmark
    public int sunJceGcmSeal() throws Exception {
        BigEndian.writeUint32(nonce, 0, ++counter);
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        return gcm.doFinal(data, 0, size, out, 0);
    }

    @Benchmark
    public int sunJceGcmOpenReusedSpec() throws Exception {
        gcm.init(Cipher.DECRYPT_MODE, key, fixedSpec);
        return gcm.doFinal(sealedOnce, 0, sealedOnce.length, out, 0);
    }

    /** HMAC-SHA256 as the CBC data path did it until 2026-11-29: {@code Mac.doFinal} allocates its result. */
    @Benchmark
    public int hmacSha256Jce() throws Exception {
        jceHmac.update(data, 0, size);
        jceHmac.doFinal(out, 0);
        return out[0];
    }

    /** HMAC-SHA256 as the CBC data path does it now: {@link Hmac} over a {@code MessageDigest}. */
    @Benchmark
    public int hmacSha256Digest() {
        hmac.compute(data, 0, size, out, 0);
        return out[0];
    }
}

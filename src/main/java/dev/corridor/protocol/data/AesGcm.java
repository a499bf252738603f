package dev.corridor.protocol.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 96-bit nonce and a 128-bit tag (NIST SP 800-38D) built from one AES block cipher
 * that is initialised once ({@code AES/ECB/NoPadding} from SunJCE, which keeps the AES-NI
 * intrinsic) and a {@link Ghash} (the JDK's CLMUL intrinsic when reachable, see
 * {@link GhashImplementation}); nothing is allocated per message.
 *
 * <pre>
 *  J0 = nonce ‖ 00000001         counter block i = nonce ‖ BE32(i)
 *  C  = P ⊕ AES(J0+1) ‖ AES(J0+2) ‖ …   (keystream made CHUNK blocks at a time:
 *                                         counters[] ──ECB──▶ keystream[])
 *  T  = GHASH_H(A ‖ pad ‖ C ‖ pad ‖ BE64(8·|A|) ‖ BE64(8·|C|)) ⊕ AES(J0)
 * </pre>
 */
final class AesGcm implements AeadPrimitive {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    /** For the XOR of keystream and data, where byte order does not matter: the CPU's own, so no byte swaps. */
    private static final VarHandle LONG_NATIVE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());
    private static final int BLOCK = 16;
    /**
     * Blocks of keystream made per call into the JCE; fixed, so the buffers never grow. 96 blocks
     * (1,536 bytes) cover a full-size packet in one call.
     */
    private static final int CHUNK = 96;

    private final Cipher aes;
    private final Ghash ghash;
    private final byte[] counters = new byte[CHUNK * BLOCK];
    private final byte[] keystream = new byte[CHUNK * BLOCK];
    /** J0 = nonce ‖ 00000001. */
    private final byte[] j0 = new byte[BLOCK];
    /** AES(J0), which masks the GHASH value into the tag. */
    private final byte[] tagMask = new byte[BLOCK];

    /** @param key 16 or 32 bytes; not kept (the JCE cipher holds its own expanded copy) */
    AesGcm(byte[] key) {
        this(key, GhashImplementation.CHOSEN);
    }

    /** With a given GHASH implementation instead of the process's choice (tests, benchmarks). */
    AesGcm(byte[] key, GhashImplementation ghashImplementation) {
        if (key.length != 16 && key.length != 32) {
            throw new IllegalArgumentException("AES-GCM key must be 16 or 32 bytes, got " + key.length);
        }
        byte[] subkey = new byte[BLOCK];
        try {
            aes = Jce.cipher("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            aes.doFinal(subkey, 0, BLOCK, subkey, 0);
            ghash = ghashImplementation.create(subkey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this Java runtime", e);
        } finally {
            Arrays.fill(subkey, (byte) 0);
        }
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length,
            byte[] out, int outOffset, byte[] tag, int tagOffset) {
        encryptJ0(nonce);
        ctr(nonce, in, inOffset, length, out, outOffset);
        ghash.reset();
        ghash.update(aad, aadOffset, aadLength);
        ghash.update(out, outOffset, length);
        ghash.updateLengths(aadLength, length);
        LONG_BE.set(tag, tagOffset, ghash.hi() ^ (long) LONG_BE.get(tagMask, 0));
        LONG_BE.set(tag, tagOffset + 8, ghash.lo() ^ (long) LONG_BE.get(tagMask, 8));
    }

    @Override
    public boolean open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length,
            byte[] tag, int tagOffset, byte[] out, int outOffset) {
        encryptJ0(nonce);
        ghash.reset();
        ghash.update(aad, aadOffset, aadLength);
        ghash.update(in, inOffset, length);
        ghash.updateLengths(aadLength, length);
        long differenceHi = ghash.hi() ^ (long) LONG_BE.get(tagMask, 0) ^ (long) LONG_BE.get(tag, tagOffset);
        long differenceLo = ghash.lo() ^ (long) LONG_BE.get(tagMask, 8) ^ (long) LONG_BE.get(tag, tagOffset + 8);
        if ((differenceHi | differenceLo) != 0) { // one branch on the whole tag: constant time
            return false;
        }
        ctr(nonce, in, inOffset, length, out, outOffset);
        return true;
    }

    private void encryptJ0(byte[] nonce) {
        System.arraycopy(nonce, 0, j0, 0, NONCE_LENGTH);
        INT_BE.set(j0, NONCE_LENGTH, 1);
        block(j0, BLOCK, tagMask);
    }

    /** out = in ⊕ AES(J0+1) ‖ AES(J0+2) ‖ … */
    private void ctr(byte[] nonce, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        long nonceHead = (long) LONG_BE.get(nonce, 0);
        int nonceTail = (int) INT_BE.get(nonce, 8);
        int counter = 2;
        int done = 0;
        while (done < length) {
            int bytes = Math.min(length - done, CHUNK * BLOCK);
            int blocks = (bytes + BLOCK - 1) / BLOCK;
            for (int i = 0; i < blocks; i++) {
                LONG_BE.set(counters, i * BLOCK, nonceHead);
                INT_BE.set(counters, i * BLOCK + 8, nonceTail);
                INT_BE.set(counters, i * BLOCK + NONCE_LENGTH, counter++);
            }
            block(counters, blocks * BLOCK, keystream);
            int from = inOffset + done;
            int to = outOffset + done;
            int k = 0;
            for (; k + 8 <= bytes; k += 8) {
                LONG_NATIVE.set(out, to + k, (long) LONG_NATIVE.get(in, from + k) ^ (long) LONG_NATIVE.get(keystream, k));
            }
            for (; k < bytes; k++) {
                out[to + k] = (byte) (in[from + k] ^ keystream[k]);
            }
            done += bytes;
        }
    }

    private void block(byte[] input, int length, byte[] output) {
        try {
            aes.update(input, 0, length, output, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e); // buffers are sized: a bug
        }
    }
}

package dev.corridor.protocol.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ChaCha20 stream cipher of RFC 8439 §2.3–2.4 (32-bit block counter, 96-bit nonce) for one key,
 * in plain Java; nothing is allocated per message.
 *
 * <pre>
 *  state  cccccccc  cccccccc  cccccccc  cccccccc     c = "expand 32-byte k"
 *         kkkkkkkk  kkkkkkkk  kkkkkkkk  kkkkkkkk     k = key, 8 little-endian words
 *         kkkkkkkk  kkkkkkkk  kkkkkkkk  kkkkkkkk
 *         counter   nnnnnnnn  nnnnnnnn  nnnnnnnn     n = nonce, 3 little-endian words
 *  block  = serialize(state + 10 × (4 column rounds, 4 diagonal rounds)(state)), 64 bytes
 * </pre>
 */
final class ChaCha20 {
    static final int BLOCK = 64;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] key = new int[8];
    private final byte[] keystream = new byte[BLOCK];

    /** @param key 32 bytes; copied */
    ChaCha20(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("ChaCha20 key must be 32 bytes, got " + key.length);
        }
        for (int i = 0; i < 8; i++) {
            this.key[i] = (int) INT_LE.get(key, 4 * i);
        }
    }

    /** Writes the 64-byte keystream block for this nonce and block counter to {@code out}. */
    void block(int nonce0, int nonce1, int nonce2, int counter, byte[] out, int outOffset) {
        int[] k = key;
        int x0 = 0x61707865;
        int x1 = 0x3320646e;
        int x2 = 0x79622d32;
        int x3 = 0x6b206574;
        int x4 = k[0];
        int x5 = k[1];
        int x6 = k[2];
        int x7 = k[3];
        int x8 = k[4];
        int x9 = k[5];
        int x10 = k[6];
        int x11 = k[7];
        int x12 = counter;
        int x13 = nonce0;
        int x14 = nonce1;
        int x15 = nonce2;
        for (int round = 0; round < 10; round++) {
            // column rounds: (0,4,8,12) (1,5,9,13) (2,6,10,14) (3,7,11,15)
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16);
            x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8);
            x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16);
            x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8);
            x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16);
            x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8);
            x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16);
            x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8);
            x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // diagonal rounds: (0,5,10,15) (1,6,11,12) (2,7,8,13) (3,4,9,14)
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16);
            x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8);
            x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16);
            x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8);
            x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16);
            x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8);
            x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16);
            x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8);
            x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        INT_LE.set(out, outOffset, x0 + 0x61707865);
        INT_LE.set(out, outOffset + 4, x1 + 0x3320646e);
        INT_LE.set(out, outOffset + 8, x2 + 0x79622d32);
        INT_LE.set(out, outOffset + 12, x3 + 0x6b206574);
        INT_LE.set(out, outOffset + 16, x4 + k[0]);
        INT_LE.set(out, outOffset + 20, x5 + k[1]);
        INT_LE.set(out, outOffset + 24, x6 + k[2]);
        INT_LE.set(out, outOffset + 28, x7 + k[3]);
        INT_LE.set(out, outOffset + 32, x8 + k[4]);
        INT_LE.set(out, outOffset + 36, x9 + k[5]);
        INT_LE.set(out, outOffset + 40, x10 + k[6]);
        INT_LE.set(out, outOffset + 44, x11 + k[7]);
        INT_LE.set(out, outOffset + 48, x12 + counter);
        INT_LE.set(out, outOffset + 52, x13 + nonce0);
        INT_LE.set(out, outOffset + 56, x14 + nonce1);
        INT_LE.set(out, outOffset + 60, x15 + nonce2);
    }

    /**
     * out = in ⊕ keystream, starting at block {@code counter}. {@code out} may be {@code in} at the
     * same offset.
     */
    void xor(int nonce0, int nonce1, int nonce2, int counter, byte[] in, int inOffset, int length,
            byte[] out, int outOffset) {
        byte[] ks = keystream;
        int done = 0;
        while (done < length) {
            block(nonce0, nonce1, nonce2, counter++, ks, 0);
            int bytes = Math.min(BLOCK, length - done);
            int from = inOffset + done;
            int to = outOffset + done;
            if (bytes == BLOCK) {
                for (int k = 0; k < BLOCK; k += 8) {
                    LONG_LE.set(out, to + k, (long) LONG_LE.get(in, from + k) ^ (long) LONG_LE.get(ks, k));
                }
            } else {
                for (int k = 0; k < bytes; k++) {
                    out[to + k] = (byte) (in[from + k] ^ ks[k]);
                }
            }
            done += bytes;
        }
    }
}

package dev.corridor.protocol.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Poly1305 one-time authenticator of RFC 8439 §2.5 in plain Java, reusable for any number of
 * messages (one {@link #start} per one-time key) without allocating.
 *
 * <pre>
 *  r = key[0..16) clamped, s = key[16..32)
 *  for each 16-byte block m (a final short block gets a 0x01 byte and zeros instead of 2^128):
 *      h = (h + m + 2^128) · r  mod 2^130 − 5
 *  tag = (h + s) mod 2^128, little-endian
 *
 *  h and r are held as five 26-bit limbs in longs: limb products stay below 2^58, and a limb
 *  that overflows position 130 wraps around multiplied by 5 (2^130 ≡ 5), hence s_i = 5·r_i.
 * </pre>
 *
 * <p>Constant time: no branch or table lookup depends on the key or the message.
 */
final class Poly1305 {
    static final int BLOCK = 16;
    private static final long MASK = 0x3ff_ffffL;
    private static final long HIBIT = 1L << 24;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long r0;
    private long r1;
    private long r2;
    private long r3;
    private long r4;
    private long s1;
    private long s2;
    private long s3;
    private long s4;
    private long pad0;
    private long pad1;
    private long pad2;
    private long pad3;
    private long h0;
    private long h1;
    private long h2;
    private long h3;
    private long h4;
    private final byte[] partial = new byte[BLOCK];

    /** Starts a message with the 32-byte one-time key at {@code offset}. */
    void start(byte[] key, int offset) {
        r0 = word(key, offset) & 0x3ff_ffff;
        r1 = (word(key, offset + 3) >>> 2) & 0x3ff_ff03;
        r2 = (word(key, offset + 6) >>> 4) & 0x3ff_c0ff;
        r3 = (word(key, offset + 9) >>> 6) & 0x3f0_3fff;
        r4 = (word(key, offset + 12) >>> 8) & 0x00f_ffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        pad0 = word(key, offset + 16);
        pad1 = word(key, offset + 20);
        pad2 = word(key, offset + 24);
        pad3 = word(key, offset + 28);
        h0 = 0;
        h1 = 0;
        h2 = 0;
        h3 = 0;
        h4 = 0;
    }

    private static long word(byte[] bytes, int offset) {
        return (int) INT_LE.get(bytes, offset) & 0xFFFF_FFFFL;
    }

    /**
     * Authenticates {@code length} bytes as the AEAD construction does (RFC 8439 §2.8): a final
     * short block is padded with zeros to 16 bytes and counted as a full block.
     */
    void updatePadded(byte[] data, int offset, int length) {
        int full = offset + (length & ~(BLOCK - 1));
        for (int at = offset; at < full; at += BLOCK) {
            block(word(data, at), word(data, at + 4), word(data, at + 8), word(data, at + 12), HIBIT);
        }
        int rest = length & (BLOCK - 1);
        if (rest != 0) {
            fillPartial(data, full, rest);
            block(word(partial, 0), word(partial, 4), word(partial, 8), word(partial, 12), HIBIT);
        }
    }

    /**
     * Authenticates {@code length} bytes as plain Poly1305 does: a final short block gets a 0x01
     * byte after it. Only the last call of a message may have a length that is not a multiple of 16.
     */
    void update(byte[] data, int offset, int length) {
        int full = offset + (length & ~(BLOCK - 1));
        for (int at = offset; at < full; at += BLOCK) {
            block(word(data, at), word(data, at + 4), word(data, at + 8), word(data, at + 12), HIBIT);
        }
        int rest = length & (BLOCK - 1);
        if (rest != 0) {
            fillPartial(data, full, rest);
            partial[rest] = 1;
            block(word(partial, 0), word(partial, 4), word(partial, 8), word(partial, 12), 0);
        }
    }

    /** Authenticates the AEAD length block: LE64(aadLength) ‖ LE64(ciphertextLength). */
    void updateLengths(long aadLength, long ciphertextLength) {
        block(aadLength & 0xFFFF_FFFFL, aadLength >>> 32, ciphertextLength & 0xFFFF_FFFFL, ciphertextLength >>> 32,
                HIBIT);
    }

    private void fillPartial(byte[] data, int offset, int length) {
        for (int i = 0; i < BLOCK; i++) {
            partial[i] = i < length ? data[offset + i] : 0;
        }
    }

    private void block(long t0, long t1, long t2, long t3, long hibit) {
        long a0 = h0 + (t0 & MASK);
        long a1 = h1 + (((t0 >>> 26) | (t1 << 6)) & MASK);
        long a2 = h2 + (((t1 >>> 20) | (t2 << 12)) & MASK);
        long a3 = h3 + (((t2 >>> 14) | (t3 << 18)) & MASK);
        long a4 = h4 + ((t3 >>> 8) | hibit);

        long d0 = a0 * r0 + a1 * s4 + a2 * s3 + a3 * s2 + a4 * s1;
        long d1 = a0 * r1 + a1 * r0 + a2 * s4 + a3 * s3 + a4 * s2;
        long d2 = a0 * r2 + a1 * r1 + a2 * r0 + a3 * s4 + a4 * s3;
        long d3 = a0 * r3 + a1 * r2 + a2 * r1 + a3 * r0 + a4 * s4;
        long d4 = a0 * r4 + a1 * r3 + a2 * r2 + a3 * r1 + a4 * r0;

        long c = d0 >>> 26;
        a0 = d0 & MASK;
        d1 += c;
        c = d1 >>> 26;
        a1 = d1 & MASK;
        d2 += c;
        c = d2 >>> 26;
        a2 = d2 & MASK;
        d3 += c;
        c = d3 >>> 26;
        a3 = d3 & MASK;
        d4 += c;
        c = d4 >>> 26;
        a4 = d4 & MASK;
        a0 += c * 5;
        c = a0 >>> 26;
        a0 &= MASK;
        a1 += c;

        h0 = a0;
        h1 = a1;
        h2 = a2;
        h3 = a3;
        h4 = a4;
    }

    /** Finishes the message and writes the 16-byte tag. */
    void finish(byte[] tag, int offset) {
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        long a3 = h3;
        long a4 = h4;
        // full carry: every limb below 2^26
        long c = a1 >>> 26;
        a1 &= MASK;
        a2 += c;
        c = a2 >>> 26;
        a2 &= MASK;
        a3 += c;
        c = a3 >>> 26;
        a3 &= MASK;
        a4 += c;
        c = a4 >>> 26;
        a4 &= MASK;
        a0 += c * 5;
        c = a0 >>> 26;
        a0 &= MASK;
        a1 += c;
        // g = h + 5 − 2^130; take it when it is not negative, i.e. when h ≥ p (selected by mask)
        long g0 = a0 + 5;
        c = g0 >>> 26;
        g0 &= MASK;
        long g1 = a1 + c;
        c = g1 >>> 26;
        g1 &= MASK;
        long g2 = a2 + c;
        c = g2 >>> 26;
        g2 &= MASK;
        long g3 = a3 + c;
        c = g3 >>> 26;
        g3 &= MASK;
        long g4 = a4 + c - (1L << 26);
        long useG = (g4 >>> 63) - 1; // all ones when g4 ≥ 0
        a0 = (a0 & ~useG) | (g0 & useG);
        a1 = (a1 & ~useG) | (g1 & useG);
        a2 = (a2 & ~useG) | (g2 & useG);
        a3 = (a3 & ~useG) | (g3 & useG);
        a4 = (a4 & ~useG) | (g4 & useG);
        // h mod 2^128 as four 32-bit words, then + s
        long w0 = (a0 | (a1 << 26)) & 0xFFFF_FFFFL;
        long w1 = ((a1 >>> 6) | (a2 << 20)) & 0xFFFF_FFFFL;
        long w2 = ((a2 >>> 12) | (a3 << 14)) & 0xFFFF_FFFFL;
        long w3 = ((a3 >>> 18) | (a4 << 8)) & 0xFFFF_FFFFL;
        long f = w0 + pad0;
        w0 = f & 0xFFFF_FFFFL;
        f = w1 + pad1 + (f >>> 32);
        w1 = f & 0xFFFF_FFFFL;
        f = w2 + pad2 + (f >>> 32);
        w2 = f & 0xFFFF_FFFFL;
        f = w3 + pad3 + (f >>> 32);
        w3 = f & 0xFFFF_FFFFL;
        LONG_LE.set(tag, offset, w0 | (w1 << 32));
        LONG_LE.set(tag, offset + 8, w2 | (w3 << 32));
    }
}

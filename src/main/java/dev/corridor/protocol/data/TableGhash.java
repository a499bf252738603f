package dev.corridor.protocol.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * GHASH ({@link Ghash}) in plain Java with an 8-bit table (Shoup's method) built once per key, so
 * that hashing allocates nothing; the fallback when the JDK's intrinsic cannot be reached.
 *
 * <pre>
 *  A block is two longs, hi = bytes 0..7 and lo = bytes 8..15, both big-endian. GCM's bit order is
 *  reflected: bit 0 of the field element is the top bit of byte 0, and multiplying by x is a
 *  right shift by one, folding a bit falling off the end back in as 0xE1 ‖ 0^120.
 *
 *  table[b] = b·H for every byte value b, where bit 0x80 of b stands for x^0 and 0x01 for x^7
 *             (256 × 2 longs = 4 KiB per key)
 *  X·H      = Σ table[X_j]·x^(8j) over the bytes X_0..X_15, evaluated by Horner from X_15:
 *             Z ← table[X_15];  for j = 14..0: Z ← Z·x^8 ⊕ table[X_j]
 *  Z·x^8    = Z shifted right by 8 bits; the byte r that falls off is folded back in as REDUCE[r]
 *             (which only touches the top 16 bits of hi)
 *  Y_i      = (Y_{i-1} ⊕ X_i)·H
 * </pre>
 *
 * <p>Timing: the table lookups are indexed by data-dependent bytes (as in OpenSSL's portable
 * fallback), so GHASH here is not constant-time against an attacker who can observe this
 * process's cache from the same machine.
 */
final class TableGhash implements Ghash {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long R = 0xE100_0000_0000_0000L;
    /** REDUCE[r]: what the eight bits r shifted out of lo add to hi when multiplying by x^8. */
    private static final long[] REDUCE = reductionTable();

    /** b·H for b = 0..255: hi at [2b], lo at [2b + 1]. */
    private final long[] table = new long[512];
    private long yHi;
    private long yLo;

    /** @param subkey H = AES_K(0^128), 16 bytes; not kept */
    TableGhash(byte[] subkey) {
        if (subkey.length != BLOCK) {
            throw new IllegalArgumentException("GHASH subkey must be 16 bytes");
        }
        long hi = (long) LONG_BE.get(subkey, 0);
        long lo = (long) LONG_BE.get(subkey, 8);
        for (int bit = 0x80; bit != 0; bit >>>= 1) {
            table[2 * bit] = hi;
            table[2 * bit + 1] = lo;
            long carry = lo & 1;
            lo = (lo >>> 1) | (hi << 63);
            hi = (hi >>> 1) ^ (R & -carry);
        }
        for (int b = 3; b < 256; b++) {
            int lowest = b & -b;
            if (lowest != b) {
                int rest = b ^ lowest;
                table[2 * b] = table[2 * rest] ^ table[2 * lowest];
                table[2 * b + 1] = table[2 * rest + 1] ^ table[2 * lowest + 1];
            }
        }
    }

    private static long[] reductionTable() {
        long[] reduce = new long[256];
        for (int r = 0; r < 256; r++) {
            long hi = 0;
            long lo = r;
            for (int i = 0; i < 8; i++) {
                long carry = lo & 1;
                lo = (lo >>> 1) | (hi << 63);
                hi = (hi >>> 1) ^ (R & -carry);
            }
            reduce[r] = hi; // lo is 0 again: the eight bits have all been shifted out
        }
        return reduce;
    }

    @Override
    public void reset() {
        yHi = 0;
        yLo = 0;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        int end = offset + length;
        int full = offset + (length & ~(BLOCK - 1));
        int at = offset;
        for (; at < full; at += BLOCK) {
            multiply(yHi ^ (long) LONG_BE.get(data, at), yLo ^ (long) LONG_BE.get(data, at + 8));
        }
        if (at < end) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; at + i < end; i++) {
                long b = data[at + i] & 0xFFL;
                if (i < 8) {
                    hi |= b << (56 - 8 * i);
                } else {
                    lo |= b << (120 - 8 * i);
                }
            }
            multiply(yHi ^ hi, yLo ^ lo);
        }
    }

    @Override
    public void updateLengths(long aadBytes, long ciphertextBytes) {
        multiply(yHi ^ (aadBytes << 3), yLo ^ (ciphertextBytes << 3));
    }

    @Override
    public long hi() {
        return yHi;
    }

    @Override
    public long lo() {
        return yLo;
    }

    /** Y ← X·H for the block X = (xHi, xLo). */
    private void multiply(long xHi, long xLo) {
        long[] t = table;
        int b = (int) xLo & 0xFF;
        long zHi = t[2 * b];
        long zLo = t[2 * b + 1];
        for (int shift = 8; shift < 64; shift += 8) {
            b = (int) (xLo >>> shift) & 0xFF;
            int rem = (int) zLo & 0xFF;
            zLo = (zLo >>> 8) | (zHi << 56);
            zHi = (zHi >>> 8) ^ REDUCE[rem] ^ t[2 * b];
            zLo ^= t[2 * b + 1];
        }
        for (int shift = 0; shift < 64; shift += 8) {
            b = (int) (xHi >>> shift) & 0xFF;
            int rem = (int) zLo & 0xFF;
            zLo = (zLo >>> 8) | (zHi << 56);
            zHi = (zHi >>> 8) ^ REDUCE[rem] ^ t[2 * b];
            zLo ^= t[2 * b + 1];
        }
        yHi = zHi;
        yLo = zLo;
    }
}

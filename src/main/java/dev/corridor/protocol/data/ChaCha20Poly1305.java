package dev.corridor.protocol.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ChaCha20-Poly1305 AEAD of RFC 8439 §2.8 for one key, from {@link ChaCha20} and
 * {@link Poly1305} in plain Java; nothing is allocated per message.
 *
 * <pre>
 *  one-time Poly1305 key = first 32 bytes of ChaCha20 block 0
 *  C   = P ⊕ ChaCha20 blocks 1, 2, …
 *  tag = Poly1305(AAD ‖ pad16 ‖ C ‖ pad16 ‖ LE64(|AAD|) ‖ LE64(|C|))
 * </pre>
 */
final class ChaCha20Poly1305 implements AeadPrimitive {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ChaCha20 chacha;
    private final Poly1305 poly = new Poly1305();
    private final byte[] oneTimeKey = new byte[ChaCha20.BLOCK];
    private final byte[] expected = new byte[TAG_LENGTH];

    /** @param key 32 bytes; copied */
    ChaCha20Poly1305(byte[] key) {
        chacha = new ChaCha20(key);
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length,
            byte[] out, int outOffset, byte[] tag, int tagOffset) {
        int n0 = (int) INT_LE.get(nonce, 0);
        int n1 = (int) INT_LE.get(nonce, 4);
        int n2 = (int) INT_LE.get(nonce, 8);
        startMac(n0, n1, n2, aad, aadOffset, aadLength);
        chacha.xor(n0, n1, n2, 1, in, inOffset, length, out, outOffset);
        poly.updatePadded(out, outOffset, length);
        poly.updateLengths(aadLength, length);
        poly.finish(tag, tagOffset);
    }

    @Override
    public boolean open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length,
            byte[] tag, int tagOffset, byte[] out, int outOffset) {
        int n0 = (int) INT_LE.get(nonce, 0);
        int n1 = (int) INT_LE.get(nonce, 4);
        int n2 = (int) INT_LE.get(nonce, 8);
        startMac(n0, n1, n2, aad, aadOffset, aadLength);
        poly.updatePadded(in, inOffset, length);
        poly.updateLengths(aadLength, length);
        poly.finish(expected, 0);
        long difference = ((long) LONG_LE.get(expected, 0) ^ (long) LONG_LE.get(tag, tagOffset))
                | ((long) LONG_LE.get(expected, 8) ^ (long) LONG_LE.get(tag, tagOffset + 8));
        if (difference != 0) { // one branch on the whole tag: constant time
            return false;
        }
        chacha.xor(n0, n1, n2, 1, in, inOffset, length, out, outOffset);
        return true;
    }

    private void startMac(int n0, int n1, int n2, byte[] aad, int aadOffset, int aadLength) {
        chacha.block(n0, n1, n2, 0, oneTimeKey, 0);
        poly.start(oneTimeKey, 0);
        poly.updatePadded(aad, aadOffset, aadLength);
    }
}

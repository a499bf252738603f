package dev.corridor.protocol.data;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * GHASH ({@link Ghash}) computed by the JDK's own {@code com.sun.crypto.provider.GHASH}, whose
 * block loop is a CLMUL (carry-less multiply) intrinsic, driven through method handles so that one
 * instance serves every packet of a key.
 *
 * <p>Why not simply SunJCE's AES-GCM: a JCE {@code Cipher} changes its nonce only through
 * {@code init}, and SunJCE's {@code init} copies the key and builds fresh GCM state every time
 * (about 1 KB per packet). Why not GHASH in plain Java: Java 17 has no carry-less multiply, and
 * {@link TableGhash} runs at about a third of SunJCE's whole AES-GCM. The JDK's class has what is
 * needed and allocates nothing once built:
 *
 * <pre>
 *  new GHASH(byte[16] H)                     once per key (package-private constructor)
 *  int update(byte[] in, int off, int len)   whole blocks only: len rounded down to 16; range-checked,
 *                                            then the intrinsic processBlocks
 *  long[] state                              Y as {bytes 0..7, bytes 8..15}, big-endian; zeroed = reset
 * </pre>
 *
 * <p>This needs {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} (the jar's
 * manifest, the tests and the packaged launchers pass it). Without it, or on a JDK whose class looks
 * different, {@link #unavailableReason()} says why and {@link GhashImplementation} falls back to
 * {@link TableGhash}. {@code update} is called rather than the private {@code processBlocks}
 * because only {@code update} checks the bounds before the intrinsic runs.
 */
final class JdkGhash implements Ghash {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final String CLASS_NAME = "com.sun.crypto.provider.GHASH";
    /** (byte[] subkey) → Object: the JDK's constructor. */
    private static final MethodHandle NEW;
    /** (Object ghash, byte[] in, int offset, int length) → int: the JDK's {@code update}. */
    private static final MethodHandle UPDATE;
    /** (Object ghash) → long[]: the JDK's {@code state} field. */
    private static final MethodHandle STATE;
    private static final String UNAVAILABLE;

    static {
        MethodHandle create = null;
        MethodHandle update = null;
        MethodHandle state = null;
        String unavailable = null;
        try {
            Class<?> type = Class.forName(CLASS_NAME, false, null);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            create = lookup.findConstructor(type, MethodType.methodType(void.class, byte[].class))
                    .asType(MethodType.methodType(Object.class, byte[].class));
            update = lookup.findVirtual(type, "update", MethodType.methodType(int.class, byte[].class, int.class, int.class))
                    .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class));
            state = lookup.findGetter(type, "state", long[].class)
                    .asType(MethodType.methodType(long[].class, Object.class));
        } catch (ClassNotFoundException e) {
            unavailable = CLASS_NAME + " is not in this Java runtime";
        } catch (IllegalAccessException e) {
            unavailable = "java.base/com.sun.crypto.provider is not opened to Corridor"
                    + " (--add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED)";
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = CLASS_NAME + " does not have the expected members: " + e;
        }
        NEW = unavailable == null ? create : null;
        UPDATE = unavailable == null ? update : null;
        STATE = unavailable == null ? state : null;
        UNAVAILABLE = unavailable;
    }

    private final Object ghash;
    /** The JDK instance's running hash Y: [0] = bytes 0..7, [1] = bytes 8..15. */
    private final long[] state;
    /** A zero-padded final block, or the length block. */
    private final byte[] block = new byte[BLOCK];

    /**
     * @param subkey H = AES_K(0^128), 16 bytes; not kept here (the JDK keeps H as two longs)
     * @throws IllegalStateException if the JDK's class cannot be reached ({@link #unavailableReason()})
     */
    JdkGhash(byte[] subkey) {
        if (subkey.length != BLOCK) {
            throw new IllegalArgumentException("GHASH subkey must be 16 bytes");
        }
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("the JDK's GHASH cannot be used: " + UNAVAILABLE);
        }
        try {
            ghash = (Object) NEW.invokeExact(subkey);
            state = (long[]) STATE.invokeExact(ghash);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's GHASH could not be created", e);
        }
        if (state.length != 2) {
            throw new IllegalStateException("the JDK's GHASH state is not two longs");
        }
    }

    /** Why the JDK's GHASH cannot be used in this process, or empty when it can be. */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    @Override
    public void reset() {
        state[0] = 0;
        state[1] = 0;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        int whole = length & ~(BLOCK - 1);
        if (whole > 0) {
            blocks(data, offset, whole);
        }
        int rest = length - whole;
        if (rest > 0) {
            System.arraycopy(data, offset + whole, block, 0, rest);
            for (int i = rest; i < BLOCK; i++) {
                block[i] = 0;
            }
            blocks(block, 0, BLOCK);
        }
    }

    @Override
    public void updateLengths(long aadBytes, long ciphertextBytes) {
        LONG_BE.set(block, 0, aadBytes << 3);
        LONG_BE.set(block, 8, ciphertextBytes << 3);
        blocks(block, 0, BLOCK);
    }

    @Override
    public long hi() {
        return state[0];
    }

    @Override
    public long lo() {
        return state[1];
    }

    /** Hashes whole blocks through the JDK's {@code update} (which checks the range first). */
    private void blocks(byte[] data, int offset, int length) {
        try {
            int unused = (int) UPDATE.invokeExact(ghash, data, offset, length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's GHASH failed", e);
        }
    }
}

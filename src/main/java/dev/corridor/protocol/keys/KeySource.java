package dev.corridor.protocol.keys;

import dev.corridor.protocol.Role;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The random material one side puts into its key-method-2 message and that the legacy PRF
 * derivation mixes (2.x {@code struct key_source}): the client sends pre_master, random1 and
 * random2, the server only the two randoms.
 *
 * <pre>
 *   client: pre_master[48] random1[32] random2[32]
 *   server:                random1[32] random2[32]
 * </pre>
 *
 * All three values are secret: {@link #toString()} never shows them and {@link #wipe()} zeroes
 * them once the data-channel keys exist. Accessors hand out copies.
 */
public final class KeySource {
    /** Length of pre_master. */
    public static final int PRE_MASTER_BYTES = 48;
    /** Length of random1 and of random2. */
    public static final int RANDOM_BYTES = 32;

    private final Role role;
    private final byte[] preMaster; // empty for a server
    private final byte[] random1;
    private final byte[] random2;
    private boolean wiped;

    private KeySource(Role role, byte[] preMaster, byte[] random1, byte[] random2) {
        this.role = role;
        this.preMaster = preMaster;
        this.random1 = random1;
        this.random2 = random2;
    }

    /** A client's key source from given bytes (copied); for tests and for messages read off the wire. */
    public static KeySource client(byte[] preMaster, byte[] random1, byte[] random2) {
        return new KeySource(Role.CLIENT, copyOfLength(preMaster, PRE_MASTER_BYTES, "pre_master"),
                copyOfLength(random1, RANDOM_BYTES, "random1"), copyOfLength(random2, RANDOM_BYTES, "random2"));
    }

    /** A server's key source from given bytes (copied). */
    public static KeySource server(byte[] random1, byte[] random2) {
        return new KeySource(Role.SERVER, new byte[0], copyOfLength(random1, RANDOM_BYTES, "random1"),
                copyOfLength(random2, RANDOM_BYTES, "random2"));
    }

    /** Fresh random material for the given side. */
    public static KeySource random(Role role, SecureRandom random) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(random, "random");
        byte[] preMaster = new byte[role == Role.CLIENT ? PRE_MASTER_BYTES : 0];
        byte[] random1 = new byte[RANDOM_BYTES];
        byte[] random2 = new byte[RANDOM_BYTES];
        random.nextBytes(preMaster);
        random.nextBytes(random1);
        random.nextBytes(random2);
        return new KeySource(role, preMaster, random1, random2);
    }

    /** Which side produced this material; only a client's has a pre_master. */
    public Role role() {
        return role;
    }

    /** A copy of pre_master; only a client has one. */
    public byte[] preMaster() {
        if (role != Role.CLIENT) {
            throw new IllegalStateException("a server key source has no pre_master");
        }
        return preMaster.clone();
    }

    /** A copy of random1. */
    public byte[] random1() {
        return random1.clone();
    }

    /** A copy of random2. */
    public byte[] random2() {
        return random2.clone();
    }

    /** Bytes this source occupies in a key-method-2 message: 112 for a client, 64 for a server. */
    public int encodedLength() {
        return preMaster.length + 2 * RANDOM_BYTES;
    }

    /** Appends pre_master (client only), random1 and random2 to {@code out} at {@code offset}; returns the new offset. */
    int writeTo(byte[] out, int offset) {
        int at = offset;
        System.arraycopy(preMaster, 0, out, at, preMaster.length);
        at += preMaster.length;
        System.arraycopy(random1, 0, out, at, RANDOM_BYTES);
        at += RANDOM_BYTES;
        System.arraycopy(random2, 0, out, at, RANDOM_BYTES);
        return at + RANDOM_BYTES;
    }

    /** Overwrites all three values with zeros; the source is useless afterwards. */
    public void wipe() {
        Arrays.fill(preMaster, (byte) 0);
        Arrays.fill(random1, (byte) 0);
        Arrays.fill(random2, (byte) 0);
        wiped = true;
    }

    /** True once {@link #wipe()} has run. */
    public boolean isWiped() {
        return wiped;
    }

    /** Names the side only; the bytes are secret. */
    @Override
    public String toString() {
        return "KeySource[" + role + ", [redacted]]";
    }

    private static byte[] copyOfLength(byte[] bytes, int length, String name) {
        Objects.requireNonNull(bytes, name);
        if (bytes.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, not " + bytes.length);
        }
        return bytes.clone();
    }
}

package dev.corridor.protocol.keys;

import dev.corridor.protocol.Role;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 256-byte key block OpenVPN derives per key state (2.x {@code struct key2}) and also reads
 * from static key files: two keys, each a 64-byte cipher part and a 64-byte HMAC part
 * (protocol.md §2.1, §4.6).
 *
 * <pre>
 *   0    64   key[0].cipher   client -> server cipher key (first 16/32 bytes used)
 *   64   64   key[0].hmac     client -> server HMAC key, or AEAD implicit IV (first 8 bytes)
 *   128  64   key[1].cipher   server -> client cipher key
 *   192  64   key[1].hmac     server -> client HMAC key / implicit IV
 * </pre>
 *
 * For the data channel the client sends with key[0] and receives with key[1]; the server the other
 * way round ({@link #sendCipher(Role)} and friends pick the right half). Accessors return copies;
 * {@link #wipe()} zeroes the block and {@link #toString()} never shows it.
 */
public final class Key2 {
    /** Total length. */
    public static final int BYTES = 256;
    /** Length of each cipher or HMAC part. */
    public static final int PART_BYTES = 64;

    private final byte[] bytes;
    private boolean wiped;

    private Key2(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key block holding a copy of exactly 256 bytes. */
    public static Key2 of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a key2 block is " + BYTES + " bytes, not " + bytes.length);
        }
        return new Key2(bytes.clone());
    }

    /** Takes ownership of {@code bytes} (already checked to be 256 long) without copying. */
    static Key2 adopt(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a key2 block is " + BYTES + " bytes, not " + bytes.length);
        }
        return new Key2(bytes);
    }

    /** A copy of all 256 bytes. */
    public byte[] bytes() {
        checkAlive();
        return bytes.clone();
    }

    /** key[index].cipher (64 bytes); index 0 or 1. */
    public byte[] cipherPart(int index) {
        return part(index, 0);
    }

    /** key[index].hmac (64 bytes); index 0 or 1. */
    public byte[] hmacPart(int index) {
        return part(index, 1);
    }

    /** key[0].cipher: what the client encrypts with and the server decrypts with. */
    public byte[] clientToServerCipher() {
        return cipherPart(0);
    }

    /** key[0].hmac: client-to-server HMAC key or AEAD implicit IV. */
    public byte[] clientToServerHmac() {
        return hmacPart(0);
    }

    /** key[1].cipher: what the server encrypts with and the client decrypts with. */
    public byte[] serverToClientCipher() {
        return cipherPart(1);
    }

    /** key[1].hmac: server-to-client HMAC key or AEAD implicit IV. */
    public byte[] serverToClientHmac() {
        return hmacPart(1);
    }

    /** The cipher part {@code self} encrypts with (client: key[0], server: key[1]). */
    public byte[] sendCipher(Role self) {
        return cipherPart(sendIndex(self));
    }

    /** The HMAC / implicit-IV part {@code self} sends with. */
    public byte[] sendHmac(Role self) {
        return hmacPart(sendIndex(self));
    }

    /** The cipher part {@code self} decrypts with. */
    public byte[] receiveCipher(Role self) {
        return cipherPart(1 - sendIndex(self));
    }

    /** The HMAC / implicit-IV part {@code self} checks received packets with. */
    public byte[] receiveHmac(Role self) {
        return hmacPart(1 - sendIndex(self));
    }

    /** A new block that is this one XOR {@code other}, byte by byte (dynamic tls-crypt, protocol.md §2.5). */
    public Key2 xor(Key2 other) {
        Objects.requireNonNull(other, "other");
        checkAlive();
        other.checkAlive();
        byte[] result = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            result[i] = (byte) (bytes[i] ^ other.bytes[i]);
        }
        return new Key2(result);
    }

    /** Compares contents in constant time. */
    public boolean sameBytesAs(Key2 other) {
        checkAlive();
        other.checkAlive();
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the block with zeros; later accessors throw {@link IllegalStateException}. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }

    /** True once {@link #wipe()} has run. */
    public boolean isWiped() {
        return wiped;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return wiped ? "Key2[wiped]" : "Key2[redacted]";
    }

    private byte[] part(int index, int kind) {
        if (index != 0 && index != 1) {
            throw new IllegalArgumentException("key index must be 0 or 1, not " + index);
        }
        checkAlive();
        int from = index * 2 * PART_BYTES + kind * PART_BYTES;
        return Arrays.copyOfRange(bytes, from, from + PART_BYTES);
    }

    private static int sendIndex(Role self) {
        return Objects.requireNonNull(self, "self") == Role.CLIENT ? 0 : 1;
    }

    private void checkAlive() {
        if (wiped) {
            throw new IllegalStateException("this key2 block has been wiped");
        }
    }
}

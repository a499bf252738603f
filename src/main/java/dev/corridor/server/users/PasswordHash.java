package dev.corridor.server.users;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, deliberately slow password hash as stored in {@code users.json}: PBKDF2 with
 * HMAC-SHA256, at least {@value #MIN_ITERATIONS} iterations (OWASP's 2023 figure), a random 16-byte
 * salt and a 32-byte result.
 *
 * <pre>
 *   "password": { "algorithm": "PBKDF2WithHmacSHA256", "iterations": 210000,
 *                 "salt": base64(16 bytes), "hash": base64(32 bytes) }
 * </pre>
 *
 * @param algorithm  the JCA name, always {@value #ALGORITHM}
 * @param iterations the PBKDF2 iteration count
 * @param salt       the salt (copied in and out)
 * @param hash       the derived key (copied in and out)
 */
public record PasswordHash(String algorithm, int iterations, byte[] salt, byte[] hash) {
    /** The only algorithm written and accepted. */
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** The least iteration count accepted. */
    public static final int MIN_ITERATIONS = 210_000;
    /** Salt length for new hashes. */
    public static final int SALT_BYTES = 16;
    /** Length of the derived key. */
    public static final int HASH_BYTES = 32;

    public PasswordHash {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("unsupported password hash algorithm " + algorithm);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations are required");
        }
        if (salt.length < SALT_BYTES || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the salt needs at least " + SALT_BYTES + " bytes and the hash "
                    + HASH_BYTES);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A new hash of {@code password} with a fresh salt and {@value #MIN_ITERATIONS} iterations. */
    public static PasswordHash create(char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(ALGORITHM, MIN_ITERATIONS, salt, derive(password, salt, MIN_ITERATIONS));
    }

    /** True when {@code password} is the hashed one; the comparison takes the same time either way. */
    public boolean matches(char[] password) {
        byte[] candidate = derive(password, salt, iterations);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** The salt in base64, as stored. */
    public String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    /** The hash in base64, as stored. */
    public String hashBase64() {
        return Base64.getEncoder().encodeToString(hash);
    }

    static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && algorithm.equals(that.algorithm)
                && iterations == that.iterations && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, iterations, Arrays.hashCode(salt), Arrays.hashCode(hash));
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm + ", iterations=" + iterations + ", salt and hash redacted]";
    }
}

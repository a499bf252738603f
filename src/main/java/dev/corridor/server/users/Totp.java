package dev.corridor.server.users;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with HMAC-SHA1, the kind authenticator
 * apps produce: by default a 30-second step and 6 digits.
 *
 * <pre>
 *   counter T = floor(unixSeconds / step)            (8 bytes, big-endian)
 *   h         = HMAC-SHA1(secret, T)                 (20 bytes)
 *   offset    = h[19] &amp; 0x0F
 *   binary    = (h[offset..offset+3] as int) &amp; 0x7FFFFFFF
 *   code      = binary mod 10^digits, left-padded with zeros
 * </pre>
 *
 * {@link #verify} accepts the current step and one step either side (clock drift), and returns the
 * step that matched so a caller can refuse a code that was already used.
 */
public final class Totp {
    /** The step authenticator apps use. */
    public static final int DEFAULT_STEP_SECONDS = 30;
    /** The number of digits authenticator apps show. */
    public static final int DEFAULT_DIGITS = 6;
    /** How many steps before and after now a code is still accepted. */
    public static final int WINDOW = 1;

    private final byte[] secret;
    private final int stepSeconds;
    private final int digits;

    /** A generator for {@code secret} with a 30 s step and 6 digits. */
    public Totp(byte[] secret) {
        this(secret, DEFAULT_STEP_SECONDS, DEFAULT_DIGITS);
    }

    /** A generator with an explicit step and number of digits (RFC 6238's test vectors use 8). */
    public Totp(byte[] secret, int stepSeconds, int digits) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("a TOTP secret cannot be empty");
        }
        if (stepSeconds <= 0 || digits < 6 || digits > 9) {
            throw new IllegalArgumentException("step must be positive and digits 6 to 9");
        }
        this.secret = secret.clone();
        this.stepSeconds = stepSeconds;
        this.digits = digits;
    }

    /** The time step that {@code time} falls into. */
    public long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), stepSeconds);
    }

    /** The code shown at {@code time}. */
    public String code(Instant time) {
        return codeForStep(step(time));
    }

    /** The code of one time step (the HOTP value for counter {@code step}). */
    public String codeForStep(long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java runtime", e);
        }
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
        long modulus = (long) Math.pow(10, digits);
        String code = Long.toString(binary % modulus);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The step whose code equals {@code code}, searching now and {@value #WINDOW} step either side;
     * empty when none matches. Every candidate is compared in constant time.
     */
    public OptionalLong verify(String code, Instant time) {
        byte[] given = code.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long now = step(time);
        OptionalLong matched = OptionalLong.empty();
        for (long step = now - WINDOW; step <= now + WINDOW; step++) {
            byte[] expected = codeForStep(step).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
            Arrays.fill(expected, (byte) 0);
        }
        return matched;
    }

    @Override
    public String toString() {
        return "Totp[step=" + stepSeconds + "s, digits=" + digits + ", secret=[redacted]]";
    }
}

package dev.corridor.protocol.tls.wrap;

import java.util.Locale;
import java.util.Optional;

/**
 * The HMAC digests tls-auth supports, chosen by the profile's {@code auth} directive (default SHA1).
 * The HMAC key is the first {@link #length()} bytes of the 64-byte hmac half of the static key.
 */
public enum TlsAuthDigest {
    SHA1("HmacSHA1", 20),
    SHA256("HmacSHA256", 32),
    SHA512("HmacSHA512", 64);

    private final String jceName;
    private final int length;

    TlsAuthDigest(String jceName, int length) {
        this.jceName = jceName;
        this.length = length;
    }

    /** The JCE Mac algorithm name. */
    public String jceName() {
        return jceName;
    }

    /** HMAC output length H in bytes, which is also the key length used. */
    public int length() {
        return length;
    }

    /** The digest for an {@code auth} value such as "SHA256", "sha-256" or "SHA512"; empty otherwise. */
    public static Optional<TlsAuthDigest> fromName(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (TlsAuthDigest digest : values()) {
            if (digest.name().equals(normal)) {
                return Optional.of(digest);
            }
        }
        return Optional.empty();
    }
}

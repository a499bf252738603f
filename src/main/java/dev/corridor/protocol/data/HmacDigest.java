package dev.corridor.protocol.data;

import java.util.Locale;
import java.util.Optional;

/** The HMAC digests OpenVPN's CBC data channel can use ({@code auth SHA1|SHA256|SHA512}, protocol.md §5.4). */
public enum HmacDigest {
    SHA1("SHA1", "HmacSHA1", "SHA-1", 20, 64),
    SHA256("SHA256", "HmacSHA256", "SHA-256", 32, 64),
    SHA512("SHA512", "HmacSHA512", "SHA-512", 64, 128);

    private final String openVpnName;
    private final String jceName;
    private final String digestName;
    private final int length;
    private final int blockLength;

    HmacDigest(String openVpnName, String jceName, String digestName, int length, int blockLength) {
        this.openVpnName = openVpnName;
        this.jceName = jceName;
        this.digestName = digestName;
        this.length = length;
        this.blockLength = blockLength;
    }

    /** Accepts {@code SHA256}, {@code sha256}, {@code SHA-256} and the like; empty for anything else. */
    public static Optional<HmacDigest> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String compact = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (HmacDigest digest : values()) {
            if (digest.openVpnName.equals(compact)) {
                return Optional.of(digest);
            }
        }
        return Optional.empty();
    }

    /** The name OpenVPN writes in the OCC string, e.g. {@code SHA256}. */
    public String openVpnName() {
        return openVpnName;
    }

    /** Bytes of the HMAC output, which is also the number of HMAC key bytes used. */
    public int length() {
        return length;
    }

    /** The JCE {@code Mac} algorithm, e.g. {@code HmacSHA256} (tests compare {@link Hmac} with it). */
    String jceName() {
        return jceName;
    }

    /** The {@code MessageDigest} algorithm, e.g. {@code SHA-256}. */
    String digestName() {
        return digestName;
    }

    /** Bytes of the hash function's input block (64 or 128), the size of HMAC's padded key. */
    int blockLength() {
        return blockLength;
    }
}

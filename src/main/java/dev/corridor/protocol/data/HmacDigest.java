package dev.corridor.protocol.data;

import java.util.Locale;
import java.util.Optional;

/** The HMAC digests OpenVPN's CBC data channel can use ({@code auth SHA1|SHA256|SHA512}, protocol.md §5.4). */
public enum HmacDigest {
    SHA1("SHA1", "HmacSHA1", 20),
    SHA256("SHA256", "HmacSHA256", 32),
    SHA512("SHA512", "HmacSHA512", 64);

    private final String openVpnName;
    private final String jceName;
    private final int length;

    HmacDigest(String openVpnName, String jceName, int length) {
        this.openVpnName = openVpnName;
        this.jceName = jceName;
        this.length = length;
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

    String jceName() {
        return jceName;
    }
}

package dev.corridor.protocol.tls;

import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * The TLS versions an endpoint offers or accepts, from {@code min} to {@code max} inclusive.
 *
 * @param min lowest version
 * @param max highest version, not lower than {@code min}
 */
public record TlsVersionRange(TlsVersion min, TlsVersion max) {

    /** TLS 1.2 and 1.3, OpenVPN 2.x's default. */
    public static final TlsVersionRange DEFAULT = new TlsVersionRange(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);

    public TlsVersionRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max " + max.profileName() + " is below min " + min.profileName());
        }
    }

    /**
     * Reads {@code tls-version-min} and {@code tls-version-max} as a profile stores them. Versions
     * below 1.2 are raised to 1.2 (Corridor does not speak them; OpenVPN 2.6 defaults to 1.2).
     */
    public static TlsResult<TlsVersionRange> fromProfile(String min, Optional<String> max) {
        Optional<TlsVersion> low = parse(min, true);
        if (low.isEmpty()) {
            return TlsResult.failed(TlsFailure.Kind.BAD_CONFIGURATION,
                    "tls-version-min \"" + min + "\" is not a TLS version Corridor knows (1.2 or 1.3)");
        }
        TlsVersion high = TlsVersion.TLS_1_3;
        if (max.isPresent()) {
            Optional<TlsVersion> parsed = parse(max.get(), false);
            if (parsed.isEmpty()) {
                return TlsResult.failed(TlsFailure.Kind.BAD_CONFIGURATION,
                        "tls-version-max \"" + max.get() + "\" is not a TLS version Corridor supports (1.2 or 1.3)");
            }
            high = parsed.get();
        }
        if (high.compareTo(low.get()) < 0) {
            return TlsResult.failed(TlsFailure.Kind.BAD_CONFIGURATION, "tls-version-max " + high.profileName()
                    + " is lower than tls-version-min " + low.get().profileName() + ": no version is left");
        }
        return TlsResult.ok(new TlsVersionRange(low.get(), high));
    }

    /** The versions for BouncyCastle, newest first. */
    ProtocolVersion[] wireVersions() {
        return max.wireVersion().downTo(min.wireVersion());
    }

    /** "1.2-1.3" or "1.3" for messages. */
    String describe() {
        return min == max ? "TLS " + min.profileName() : "TLS " + min.profileName() + " to " + max.profileName();
    }

    private static Optional<TlsVersion> parse(String text, boolean raiseOld) {
        String trimmed = text.strip();
        if (raiseOld && (trimmed.equals("1.0") || trimmed.equals("1.1"))) {
            return Optional.of(TlsVersion.TLS_1_2);
        }
        for (TlsVersion version : TlsVersion.values()) {
            if (version.profileName().equals(trimmed)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}

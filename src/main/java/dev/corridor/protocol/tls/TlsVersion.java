package dev.corridor.protocol.tls;

import java.util.Optional;
import org.bouncycastle.tls.ProtocolVersion;

/** The TLS versions Corridor speaks on the control channel. */
public enum TlsVersion {
    TLS_1_2("1.2", "TLSv1.2", ProtocolVersion.TLSv12),
    TLS_1_3("1.3", "TLSv1.3", ProtocolVersion.TLSv13);

    private final String profileName;
    private final String displayName;
    private final ProtocolVersion wireVersion;

    TlsVersion(String profileName, String displayName, ProtocolVersion wireVersion) {
        this.profileName = profileName;
        this.displayName = displayName;
        this.wireVersion = wireVersion;
    }

    /** The spelling in {@code tls-version-min/max} ("1.2"). */
    public String profileName() {
        return profileName;
    }

    /** The spelling OpenVPN and OpenSSL use in logs ("TLSv1.2"). */
    public String displayName() {
        return displayName;
    }

    ProtocolVersion wireVersion() {
        return wireVersion;
    }

    static Optional<TlsVersion> fromWire(ProtocolVersion version) {
        for (TlsVersion candidate : values()) {
            if (candidate.wireVersion.equals(version)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

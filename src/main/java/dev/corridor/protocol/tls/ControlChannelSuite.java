package dev.corridor.protocol.tls;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;

/**
 * The cipher suites Corridor offers and accepts on the control channel, in preference order:
 * the three TLS 1.3 suites, and for TLS 1.2 only ECDHE (forward secrecy, as AWS requires) with
 * AES-GCM or ChaCha20-Poly1305. No CBC, no static RSA, no DHE (protocol.md §3).
 */
enum ControlChannelSuite {
    TLS_AES_256_GCM_SHA384(CipherSuite.TLS_AES_256_GCM_SHA384, TlsVersion.TLS_1_3, null),
    TLS_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, TlsVersion.TLS_1_3, null),
    TLS_AES_128_GCM_SHA256(CipherSuite.TLS_AES_128_GCM_SHA256, TlsVersion.TLS_1_3, null),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            TlsVersion.TLS_1_2, SigningKey.Family.EC),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            TlsVersion.TLS_1_2, SigningKey.Family.RSA),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            TlsVersion.TLS_1_2, SigningKey.Family.EC),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            TlsVersion.TLS_1_2, SigningKey.Family.RSA),
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            TlsVersion.TLS_1_2, SigningKey.Family.EC),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            TlsVersion.TLS_1_2, SigningKey.Family.RSA);

    private final int code;
    private final TlsVersion version;
    private final SigningKey.Family serverKey;

    ControlChannelSuite(int code, TlsVersion version, SigningKey.Family serverKey) {
        this.code = code;
        this.version = version;
        this.serverKey = serverKey;
    }

    /** What a client offers for {@code versions}. */
    static int[] forClient(TlsVersionRange versions) {
        return codes(versions, null);
    }

    /** What a server with a {@code key} certificate can choose for {@code versions}. */
    static int[] forServer(TlsVersionRange versions, SigningKey.Family key) {
        return codes(versions, key);
    }

    /** The IANA name of a negotiated suite. */
    static String name(int code) {
        for (ControlChannelSuite suite : values()) {
            if (suite.code == code) {
                return suite.name();
            }
        }
        return String.format("0x%04X", code);
    }

    private static int[] codes(TlsVersionRange versions, SigningKey.Family key) {
        List<Integer> codes = new ArrayList<>();
        for (ControlChannelSuite suite : values()) {
            boolean versionFits = suite.version.compareTo(versions.min()) >= 0
                    && suite.version.compareTo(versions.max()) <= 0;
            boolean keyFits = key == null || suite.serverKey == null || suite.serverKey == key;
            if (versionFits && keyFits) {
                codes.add(suite.code);
            }
        }
        return codes.stream().mapToInt(Integer::intValue).toArray();
    }
}

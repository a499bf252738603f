package dev.corridor.protocol.tls;

import java.util.Objects;
import java.util.Optional;

/**
 * What an established TLS session negotiated, for logs and for the key-method layer.
 *
 * @param version                  negotiated TLS version
 * @param cipherSuite              IANA name of the cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param keyExchangeGroup         the (EC)DHE group, e.g. {@code X25519}, or empty when unknown
 * @param peer                     the verified peer certificate, or empty (a server whose client sent none)
 * @param keyingMaterialExportable whether {@link TlsEndpoint#exportKeyingMaterial} can work: always in
 *                                 TLS 1.3; in TLS 1.2 only with extended_master_secret (RFC 7627 §5.4).
 *                                 A client should advertise TLS-EKM (IV_PROTO bit 3) only when true.
 */
public record TlsSessionInfo(TlsVersion version, String cipherSuite, Optional<String> keyExchangeGroup,
        Optional<PeerCertificate> peer, boolean keyingMaterialExportable) {

    public TlsSessionInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(keyExchangeGroup, "keyExchangeGroup");
        Objects.requireNonNull(peer, "peer");
    }

    /**
     * One line in the shape OpenVPN logs it:
     * {@code TLSv1.3, TLS_AES_256_GCM_SHA384, peer certificate 2048 bit RSA, X25519}.
     */
    public String summary() {
        StringBuilder line = new StringBuilder(version.displayName()).append(", ").append(cipherSuite);
        peer.ifPresent(p -> line.append(", peer certificate ").append(p.keyDescription()));
        keyExchangeGroup.ifPresent(g -> line.append(", ").append(g));
        return line.toString();
    }
}

package dev.corridor.protocol.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Our own certificate chain and private key: the client certificate for mutual authentication,
 * or the server certificate of the test endpoint.
 *
 * @param chain      our certificate first, then intermediates ({@code extra-certs}), never the root
 * @param privateKey the key of {@code chain.get(0)}; RSA or EC (P-256, P-384, P-521)
 */
public record LocalCredentials(List<X509Certificate> chain, PrivateKey privateKey) {

    public LocalCredentials {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("credentials need at least one certificate");
        }
    }

    /**
     * Credentials after checking that the key belongs to the first certificate ({@link KeyPairCheck}).
     *
     * @param kind the failure kind to report when it does not
     */
    public static TlsResult<LocalCredentials> checked(List<X509Certificate> chain, PrivateKey key,
            TlsFailure.Kind kind) {
        if (chain.isEmpty()) {
            return TlsResult.failed(kind, "there is no certificate for the private key");
        }
        if (!KeyPairCheck.belongTogether(key, chain.get(0).getPublicKey())) {
            return TlsResult.failed(kind, "the private key does not belong to the certificate \""
                    + OpenVpnNames.subject(chain.get(0)) + "\"");
        }
        return TlsResult.ok(new LocalCredentials(chain, key));
    }

    /** Our own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The subject of our certificate; never the key. */
    @Override
    public String toString() {
        return "LocalCredentials[" + OpenVpnNames.subject(certificate()) + ", chain=" + chain.size()
                + ", privateKey=[redacted]]";
    }
}

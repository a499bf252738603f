package dev.corridor.protocol.tls;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server side of the control-channel TLS needs (the bundled test endpoint).
 *
 * @param credentials         the server certificate chain and key
 * @param clientCas           CAs that client certificates must chain to
 * @param crls                CRLs for client certificates; an expired CRL refuses every client
 * @param clientCertificates  whether to ask for, and insist on, a client certificate
 * @param remoteCertTlsClient {@code remote-cert-tls client}: require the clientAuth EKU and a keyUsage extension
 * @param versions            TLS versions the server accepts
 */
public record TlsServerConfig(LocalCredentials credentials, List<X509Certificate> clientCas, List<X509CRL> crls,
        ClientCertificatePolicy clientCertificates, boolean remoteCertTlsClient, TlsVersionRange versions) {

    public TlsServerConfig {
        Objects.requireNonNull(credentials, "credentials");
        clientCas = List.copyOf(clientCas);
        crls = List.copyOf(crls);
        Objects.requireNonNull(clientCertificates, "clientCertificates");
        Objects.requireNonNull(versions, "versions");
    }

    /** The server certificate, the policy and the versions; never key material. */
    @Override
    public String toString() {
        return "TlsServerConfig[" + credentials + ", clientCas=" + clientCas.size() + ", crls=" + crls.size()
                + ", clientCertificates=" + clientCertificates + ", remoteCertTlsClient=" + remoteCertTlsClient
                + ", versions=" + versions.describe() + "]";
    }
}

package dev.corridor.protocol.tls;

import dev.corridor.profile.TlsSettings;
import dev.corridor.profile.VerifyX509Name;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the client side of the control-channel TLS needs, already parsed.
 *
 * @param trustedCas          CA certificates from {@code <ca>}; the server's chain must end at one
 * @param crls                CRLs from {@code <crl-verify>}; when any are given, every certificate
 *                            below the CA must be covered by a current CRL from its issuer
 * @param credentials         client certificate, {@code extra-certs} and key, for mutual authentication
 * @param remoteCertTlsServer {@code remote-cert-tls server}: require the serverAuth EKU and a keyUsage extension
 * @param verifyX509Name      {@code verify-x509-name}, compared as {@link OpenVpnNames} describes
 * @param versions            {@code tls-version-min} .. {@code tls-version-max}
 */
public record TlsClientConfig(List<X509Certificate> trustedCas, List<X509CRL> crls,
        Optional<LocalCredentials> credentials, boolean remoteCertTlsServer, Optional<VerifyX509Name> verifyX509Name,
        TlsVersionRange versions) {

    public TlsClientConfig {
        trustedCas = List.copyOf(trustedCas);
        crls = List.copyOf(crls);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(verifyX509Name, "verifyX509Name");
        Objects.requireNonNull(versions, "versions");
    }

    /**
     * Reads a profile's TLS settings. The passphrase decrypts an encrypted key (pass an empty array
     * when there is none); it is not kept.
     */
    public static TlsResult<TlsClientConfig> fromProfile(TlsSettings settings, char[] passphrase) {
        var cas = PemText.certificates(settings.ca(), "the CA (<ca>)", TlsFailure.Kind.BAD_CONFIGURATION);
        if (cas instanceof TlsResult.Failed<List<X509Certificate>> failed) {
            return TlsResult.failed(failed.failure());
        }
        List<X509CRL> crls = List.of();
        if (settings.crl().isPresent()) {
            var parsed = PemText.crls(settings.crl().get());
            if (parsed instanceof TlsResult.Failed<List<X509CRL>> failed) {
                return TlsResult.failed(failed.failure());
            }
            crls = parsed.asOptional().orElseThrow();
        }
        var credentials = credentials(settings, passphrase);
        if (credentials instanceof TlsResult.Failed<Optional<LocalCredentials>> failed) {
            return TlsResult.failed(failed.failure());
        }
        var versions = TlsVersionRange.fromProfile(settings.tlsVersionMin(), settings.tlsVersionMax());
        if (versions instanceof TlsResult.Failed<TlsVersionRange> failed) {
            return TlsResult.failed(failed.failure());
        }
        return TlsResult.ok(new TlsClientConfig(cas.asOptional().orElseThrow(), crls,
                credentials.asOptional().orElseThrow(), settings.remoteCertTlsServer(), settings.verifyX509Name(),
                versions.asOptional().orElseThrow()));
    }

    private static TlsResult<Optional<LocalCredentials>> credentials(TlsSettings settings, char[] passphrase) {
        if (settings.cert().isEmpty() && settings.key().isEmpty()) {
            return TlsResult.ok(Optional.empty());
        }
        if (settings.cert().isEmpty() || settings.key().isEmpty()) {
            return TlsResult.failed(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS, settings.cert().isEmpty()
                    ? "the profile has a private key (<key>) but no client certificate (<cert>)"
                    : "the profile has a client certificate (<cert>) but no private key (<key>)");
        }
        var certificate = PemText.certificates(settings.cert().get(), "the client certificate (<cert>)",
                TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        if (certificate instanceof TlsResult.Failed<List<X509Certificate>> failed) {
            return TlsResult.failed(failed.failure());
        }
        List<X509Certificate> chain = new ArrayList<>(certificate.asOptional().orElseThrow());
        if (settings.extraCerts().isPresent()) {
            var extra = PemText.certificates(settings.extraCerts().get(), "the extra certificates (<extra-certs>)",
                    TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
            if (extra instanceof TlsResult.Failed<List<X509Certificate>> failed) {
                return TlsResult.failed(failed.failure());
            }
            chain.addAll(extra.asOptional().orElseThrow());
        }
        var key = PemText.privateKey(settings.key().get(), passphrase);
        if (key instanceof TlsResult.Failed<PrivateKey> failed) {
            return TlsResult.failed(failed.failure());
        }
        var checked = LocalCredentials.checked(chain, key.asOptional().orElseThrow(),
                TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        if (checked instanceof TlsResult.Failed<LocalCredentials> failed) {
            return TlsResult.failed(failed.failure());
        }
        return TlsResult.ok(checked.asOptional());
    }

    /** Which CAs, whether a client certificate is present, which checks; never key material. */
    @Override
    public String toString() {
        return "TlsClientConfig[cas=" + trustedCas.size() + ", crls=" + crls.size() + ", credentials="
                + credentials.map(LocalCredentials::toString).orElse("none") + ", remoteCertTlsServer="
                + remoteCertTlsServer + ", verifyX509Name=" + verifyX509Name + ", versions=" + versions.describe()
                + "]";
    }
}

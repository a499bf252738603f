package dev.corridor.protocol.tls;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * The verified certificate of the peer, summarised for logs and for the server's decisions
 * (the common name is what OpenVPN servers call the client's name).
 *
 * @param subject        subject as OpenVPN prints it, e.g. {@code "C=US, O=Example, CN=server"}
 * @param commonName     the last CN of the subject, as OpenVPN extracts it
 * @param issuer         issuer in the same format as {@code subject}
 * @param serial         serial number
 * @param notAfter       end of validity
 * @param keyDescription key size and type as OpenVPN logs it, e.g. {@code "2048 bit RSA"}
 * @param certificate    the certificate itself
 */
public record PeerCertificate(String subject, String commonName, String issuer, BigInteger serial, Instant notAfter,
        String keyDescription, X509Certificate certificate) {

    public PeerCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyDescription, "keyDescription");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** A summary of {@code certificate} in OpenVPN's terms. */
    static PeerCertificate of(X509Certificate certificate, String commonName) {
        return new PeerCertificate(OpenVpnNames.subject(certificate), commonName,
                OpenVpnNames.format(certificate.getIssuerX500Principal()), certificate.getSerialNumber(),
                certificate.getNotAfter().toInstant(), OpenVpnNames.keyDescription(certificate.getPublicKey()),
                certificate);
    }

    /** Subject, serial (hex) and expiry; the certificate's bytes stay out of logs. */
    @Override
    public String toString() {
        return "PeerCertificate[" + subject + ", serial=" + serial.toString(16) + ", notAfter=" + notAfter + ", "
                + keyDescription + "]";
    }
}

package dev.corridor.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link CertificateAuthority} should put into an end-entity certificate. Start from
 * {@link #server} or {@link #client} and adjust with the {@code with...} methods; tests use them to
 * make certificates that are expired, not yet valid, or lack a usage.
 *
 * <p>The subject is written in certificate order, the way OpenVPN prints it ("C=US, O=Example,
 * CN=server"): the first attribute written is the first in the encoded name.
 *
 * @param subject           distinguished name in certificate order, e.g. {@code "O=Corridor, CN=server"}
 * @param keyType           key pair to generate for the certificate
 * @param validFor          validity from the CA clock's now, used when {@code notBefore}/{@code notAfter} are empty
 * @param notBefore         explicit start of validity (overrides "now")
 * @param notAfter          explicit end of validity (overrides "now + validFor")
 * @param extendedKeyUsages extended key usages; empty means no EKU extension at all
 * @param keyUsage          whether to add the keyUsage extension (digitalSignature, plus keyEncipherment for RSA)
 * @param dnsNames          subjectAltName DNS entries; empty means no SAN extension
 */
public record CertificateSpec(String subject, KeyType keyType, Duration validFor, Optional<Instant> notBefore,
        Optional<Instant> notAfter, Set<ExtendedKeyUsage> extendedKeyUsages, boolean keyUsage, List<String> dnsNames) {

    /** How long end-entity certificates are valid unless a spec says otherwise (easy-rsa's default). */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(825);

    public CertificateSpec {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(validFor, "validFor");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        extendedKeyUsages = extendedKeyUsages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(extendedKeyUsages));
        dnsNames = List.copyOf(dnsNames);
        if (subject.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a subject");
        }
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("validFor must be positive");
        }
    }

    /** A TLS server certificate: serverAuth EKU, key usage, and {@code commonName} as its DNS name. */
    public static CertificateSpec server(String commonName) {
        return new CertificateSpec("CN=" + escape(commonName), KeyType.RSA_2048, DEFAULT_VALIDITY, Optional.empty(),
                Optional.empty(), Set.of(ExtendedKeyUsage.SERVER_AUTH), true, List.of(commonName));
    }

    /** A TLS client certificate: clientAuth EKU and key usage, no subjectAltName. */
    public static CertificateSpec client(String commonName) {
        return new CertificateSpec("CN=" + escape(commonName), KeyType.RSA_2048, DEFAULT_VALIDITY, Optional.empty(),
                Optional.empty(), Set.of(ExtendedKeyUsage.CLIENT_AUTH), true, List.of());
    }

    /** The same spec with a full subject DN in certificate order. */
    public CertificateSpec withSubject(String dn) {
        return new CertificateSpec(dn, keyType, validFor, notBefore, notAfter, extendedKeyUsages, keyUsage, dnsNames);
    }

    /** The same spec with another key type. */
    public CertificateSpec withKeyType(KeyType type) {
        return new CertificateSpec(subject, type, validFor, notBefore, notAfter, extendedKeyUsages, keyUsage, dnsNames);
    }

    /** The same spec valid for {@code duration} from the CA clock's now. */
    public CertificateSpec withValidFor(Duration duration) {
        return new CertificateSpec(subject, keyType, duration, notBefore, notAfter, extendedKeyUsages, keyUsage,
                dnsNames);
    }

    /** The same spec with an explicit validity window (may lie wholly in the past or the future). */
    public CertificateSpec withValidity(Instant from, Instant until) {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("notAfter must be later than notBefore");
        }
        return new CertificateSpec(subject, keyType, validFor, Optional.of(from), Optional.of(until),
                extendedKeyUsages, keyUsage, dnsNames);
    }

    /** The same spec with other extended key usages; an empty set leaves the extension out. */
    public CertificateSpec withExtendedKeyUsages(Set<ExtendedKeyUsage> usages) {
        return new CertificateSpec(subject, keyType, validFor, notBefore, notAfter, usages, keyUsage, dnsNames);
    }

    /** The same spec without the keyUsage extension. */
    public CertificateSpec withoutKeyUsage() {
        return new CertificateSpec(subject, keyType, validFor, notBefore, notAfter, extendedKeyUsages, false, dnsNames);
    }

    /** The same spec with other subjectAltName DNS entries. */
    public CertificateSpec withDnsNames(List<String> names) {
        return new CertificateSpec(subject, keyType, validFor, notBefore, notAfter, extendedKeyUsages, keyUsage, names);
    }

    /** Escapes the characters RFC 4514 reserves, so any text can be a common name. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean edgeSpace = c == ' ' && (i == 0 || i == value.length() - 1);
            boolean leadingHash = c == '#' && i == 0;
            if (",+\"\\<>;=".indexOf(c) >= 0 || edgeSpace || leadingHash) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

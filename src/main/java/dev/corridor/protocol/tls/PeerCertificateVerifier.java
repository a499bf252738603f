package dev.corridor.protocol.tls;

import dev.corridor.profile.VerifyX509Name;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether the peer's certificate chain is acceptable, the way an OpenVPN 2.x peer decides,
 * and says precisely why not. Time comes from the injected clock only.
 *
 * <pre>
 *   presented chain ──► order: leaf, then each cert's issuer among the presented ones
 *        │               (stop at a cert issued by a trusted CA; at most 10)
 *        ▼
 *   PKIX (JDK CertPathValidator, date = clock, no revocation) ── no CA ──────► UNTRUSTED
 *        │                                                     ├ expired ───► EXPIRED
 *        │                                                     └ too early ─► NOT_YET_VALID
 *   CA certificate itself within its dates? ──────────────────────────────── EXPIRED / NOT_YET_VALID
 *   CRLs given? every non-CA cert of the path needs a CRL signed by its issuer
 *        (OpenSSL CRL_CHECK_ALL, as OpenVPN sets it) ── listed ─────────────► REVOKED
 *                                                      ├ none, stale, early ► REVOCATION_UNKNOWN
 *   leaf keyUsage present without digitalSignature ────────────────────────► WRONG_USAGE
 *   remote-cert-tls: EKU present and keyUsage extension present ───────────► WRONG_USAGE
 *   CN missing or longer than 64 bytes (OpenVPN refuses) ──────────────────► WRONG_NAME
 *   verify-x509-name subject | name | name-prefix ─────────────────────────► WRONG_NAME
 *        ▼
 *   PeerCertificate (subject, CN, serial, key)
 * </pre>
 */
final class PeerCertificateVerifier {
    private static final int MAX_CHAIN = 10;

    private final List<X509Certificate> trusted;
    private final List<X509CRL> crls;
    private final RequiredUsage usage;
    private final Optional<VerifyX509Name> expectedName;
    private final Clock clock;
    private final String peerRole;

    /**
     * @param peerRole "server" or "client": whose certificate this checks, for messages
     */
    PeerCertificateVerifier(List<X509Certificate> trusted, List<X509CRL> crls, RequiredUsage usage,
            Optional<VerifyX509Name> expectedName, Clock clock, String peerRole) {
        this.trusted = List.copyOf(trusted);
        this.crls = List.copyOf(crls);
        this.usage = Objects.requireNonNull(usage);
        this.expectedName = Objects.requireNonNull(expectedName);
        this.clock = Objects.requireNonNull(clock);
        this.peerRole = Objects.requireNonNull(peerRole);
    }

    /** Verifies {@code presented} (leaf first, as the peer sent it). */
    TlsResult<PeerCertificate> verify(List<X509Certificate> presented) {
        if (presented.isEmpty()) {
            return TlsResult.failed(TlsFailure.Kind.MISSING_CERTIFICATE,
                    "the " + peerRole + " sent no certificate, but one is required");
        }
        Instant now = clock.instant();
        List<X509Certificate> path = orderPath(presented);
        X509Certificate leaf = path.get(0);
        TlsResult<X509Certificate> anchor = validatePath(path, now);
        if (anchor instanceof TlsResult.Failed<X509Certificate> failed) {
            return TlsResult.failed(failed.failure());
        }
        X509Certificate ca = anchor.asOptional().orElseThrow();
        Optional<TlsFailure> problem = checkDates(ca, "the CA certificate", now)
                .or(() -> checkRevocation(path, ca, now))
                .or(() -> checkUsage(leaf));
        if (problem.isPresent()) {
            return TlsResult.failed(problem.get());
        }
        return checkName(leaf);
    }

    /** The leaf, then its issuer among the presented certificates, and so on up to a trusted CA. */
    private List<X509Certificate> orderPath(List<X509Certificate> presented) {
        List<X509Certificate> path = new ArrayList<>();
        List<X509Certificate> remaining = new ArrayList<>(presented.subList(1, presented.size()));
        X509Certificate current = presented.get(0);
        path.add(current);
        while (path.size() < MAX_CHAIN && !issuedByTrustedCa(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : remaining) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && !candidate.equals(current)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            remaining.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private boolean issuedByTrustedCa(X509Certificate certificate) {
        for (X509Certificate ca : trusted) {
            if (ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    /** PKIX validation at {@code now}; the trusted CA certificate the path ends at. */
    private TlsResult<X509Certificate> validatePath(List<X509Certificate> path, Instant now) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : trusted) {
                anchors.add(new TrustAnchor(ca, null));
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(certPath, parameters);
            return TlsResult.ok(result.getTrustAnchor().getTrustedCert());
        } catch (CertPathValidatorException e) {
            return TlsResult.failed(explain(e, path, now));
        } catch (GeneralSecurityException | RuntimeException e) {
            return TlsResult.failed(TlsFailure.Kind.UNTRUSTED, "the " + peerRole + " certificate chain cannot be"
                    + " checked: " + PemText.describe(e));
        }
    }

    private TlsFailure explain(CertPathValidatorException e, List<X509Certificate> path, Instant now) {
        int index = e.getIndex();
        X509Certificate culprit = index >= 0 && index < path.size() ? path.get(index) : path.get(0);
        String which = index <= 0 ? "the " + peerRole + " certificate" : "the intermediate certificate";
        String named = which + " \"" + OpenVpnNames.subject(culprit) + "\"";
        if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
            return checkDates(culprit, which, now).orElseGet(() -> TlsFailure.of(TlsFailure.Kind.EXPIRED,
                    named + " is outside its validity period"));
        }
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            X509Certificate top = path.get(path.size() - 1);
            return TlsFailure.of(TlsFailure.Kind.UNTRUSTED, "the " + peerRole + " certificate \""
                    + OpenVpnNames.subject(path.get(0)) + "\" was not issued by a trusted CA (its chain ends at"
                    + " issuer \"" + OpenVpnNames.format(top.getIssuerX500Principal()) + "\", which is not in <ca>)");
        }
        if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
            return TlsFailure.of(TlsFailure.Kind.UNTRUSTED, "the signature on " + named + " does not verify");
        }
        return TlsFailure.of(TlsFailure.Kind.UNTRUSTED, named + " is not acceptable: " + PemText.describe(e));
    }

    private Optional<TlsFailure> checkDates(X509Certificate certificate, String which, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        String named = which + " \"" + OpenVpnNames.subject(certificate) + "\"";
        if (now.isAfter(notAfter)) {
            return Optional.of(TlsFailure.of(TlsFailure.Kind.EXPIRED, named + " expired on " + notAfter));
        }
        if (now.isBefore(notBefore)) {
            return Optional.of(TlsFailure.of(TlsFailure.Kind.NOT_YET_VALID, named + " is not valid before "
                    + notBefore + " (is this computer's clock right? it says " + now + ")"));
        }
        return Optional.empty();
    }

    /** OpenSSL CRL_CHECK | CRL_CHECK_ALL: each certificate below the CA needs a current CRL from its issuer. */
    private Optional<TlsFailure> checkRevocation(List<X509Certificate> path, X509Certificate ca, Instant now) {
        if (crls.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : ca;
            Optional<TlsFailure> problem = checkRevocation(certificate, issuer, i == 0, now);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<TlsFailure> checkRevocation(X509Certificate certificate, X509Certificate issuer, boolean leaf,
            Instant now) {
        String which = (leaf ? "the " + peerRole + " certificate" : "the intermediate certificate") + " \""
                + OpenVpnNames.subject(certificate) + "\"";
        String issuerName = OpenVpnNames.subject(issuer);
        X509CRL newest = null;
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !signedBy(crl, issuer)) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            if (entry != null) {
                BigInteger serial = certificate.getSerialNumber();
                return Optional.of(TlsFailure.of(TlsFailure.Kind.REVOKED, which + " (serial " + serial.toString(16)
                        + ") is revoked by the CRL of \"" + issuerName + "\" since "
                        + entry.getRevocationDate().toInstant()));
            }
            if (newest == null || crl.getThisUpdate().after(newest.getThisUpdate())) {
                newest = crl;
            }
        }
        if (newest == null) {
            String available = crls.stream().map(c -> "\"" + OpenVpnNames.format(c.getIssuerX500Principal()) + "\"")
                    .collect(Collectors.joining(", "));
            return Optional.of(TlsFailure.of(TlsFailure.Kind.REVOCATION_UNKNOWN, "the revocation status of " + which
                    + " is unknown: no CRL signed by its issuer \"" + issuerName + "\" is configured (CRLs from: "
                    + available + ")"));
        }
        Instant thisUpdate = newest.getThisUpdate().toInstant();
        if (now.isBefore(thisUpdate)) {
            return Optional.of(TlsFailure.of(TlsFailure.Kind.REVOCATION_UNKNOWN, "the CRL of \"" + issuerName
                    + "\" is not valid before " + thisUpdate + " (is this computer's clock right? it says " + now
                    + ")"));
        }
        Date nextUpdate = newest.getNextUpdate();
        if (nextUpdate != null && now.isAfter(nextUpdate.toInstant())) {
            return Optional.of(TlsFailure.of(TlsFailure.Kind.REVOCATION_UNKNOWN, "the CRL of \"" + issuerName
                    + "\" expired on " + nextUpdate.toInstant() + "; certificates are refused until a newer CRL is"
                    + " installed"));
        }
        return Optional.empty();
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private Optional<TlsFailure> checkUsage(X509Certificate leaf) {
        String named = "the " + peerRole + " certificate \"" + OpenVpnNames.subject(leaf) + "\"";
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length == 0 || !keyUsage[0])) {
            return Optional.of(TlsFailure.of(TlsFailure.Kind.WRONG_USAGE, named + " has a key usage without"
                    + " digitalSignature, which TLS needs for the handshake signature"));
        }
        if (usage == RequiredUsage.ANY) {
            return Optional.empty();
        }
        String directive = usage == RequiredUsage.TLS_SERVER ? "remote-cert-tls server" : "remote-cert-tls client";
        List<String> extended;
        try {
            extended = leaf.getExtendedKeyUsage();
        } catch (CertificateException e) {
            extended = null;
        }
        if (extended == null || !extended.contains(usage.oid())) {
            return Optional.of(TlsFailure.of(TlsFailure.Kind.WRONG_USAGE, named + " lacks the extended key usage \""
                    + usage.label() + "\" (" + usage.oid() + ") that " + directive + " requires"));
        }
        if (keyUsage == null) {
            return Optional.of(TlsFailure.of(TlsFailure.Kind.WRONG_USAGE, named
                    + " has no key usage extension, which " + directive + " requires"));
        }
        return Optional.empty();
    }

    private TlsResult<PeerCertificate> checkName(X509Certificate leaf) {
        String subject = OpenVpnNames.subject(leaf);
        Optional<String> commonName = OpenVpnNames.commonName(leaf);
        if (commonName.isEmpty()) {
            String why = OpenVpnNames.hasCommonName(leaf)
                    ? "a common name longer than " + OpenVpnNames.MAX_COMMON_NAME_BYTES + " bytes"
                    : "no common name (CN)";
            return TlsResult.failed(TlsFailure.Kind.WRONG_NAME, "the " + peerRole + " certificate \"" + subject
                    + "\" has " + why + "; OpenVPN peers refuse such certificates");
        }
        String cn = commonName.get();
        if (expectedName.isPresent()) {
            VerifyX509Name expected = expectedName.get();
            boolean matches = switch (expected.type()) {
                case SUBJECT -> subject.equals(expected.name());
                case NAME -> cn.equals(expected.name());
                case NAME_PREFIX -> cn.startsWith(expected.name());
            };
            if (!matches) {
                String message = switch (expected.type()) {
                    case SUBJECT -> "the " + peerRole + " certificate's subject is \"" + subject
                            + "\" but verify-x509-name expects \"" + expected.name() + "\"";
                    case NAME -> "the " + peerRole + " certificate's common name is \"" + cn
                            + "\" but verify-x509-name expects \"" + expected.name() + "\"";
                    case NAME_PREFIX -> "the " + peerRole + " certificate's common name \"" + cn
                            + "\" does not start with \"" + expected.name() + "\" (verify-x509-name name-prefix)";
                };
                return TlsResult.failed(TlsFailure.Kind.WRONG_NAME, message);
            }
        }
        return TlsResult.ok(PeerCertificate.of(leaf, cn));
    }
}

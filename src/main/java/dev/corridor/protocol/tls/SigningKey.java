package dev.corridor.protocol.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our certificate chain and private key in BouncyCastle's terms, and the choice of signature
 * scheme for a handshake: the first scheme our key can make that the peer listed.
 *
 * <pre>
 *   key        TLS 1.3 (CertificateVerify)            TLS 1.2 (ServerKeyExchange / CertificateVerify)
 *   RSA        rsa_pss_rsae_sha256/384/512            rsa_pss_rsae_sha256, rsa_pkcs1_sha256/384/512, rsa_pkcs1_sha1
 *   EC P-256   ecdsa_secp256r1_sha256                 ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, ecdsa_sha1
 *   EC P-384   ecdsa_secp384r1_sha384                 ecdsa_secp384r1_sha384, ecdsa_secp256r1_sha256, ecdsa_sha1
 *   EC P-521   ecdsa_secp521r1_sha512                 ecdsa_secp521r1_sha512, ecdsa_secp384r1_sha384, ecdsa_sha1
 * </pre>
 * (In TLS 1.2 the ECDSA hash is not tied to the curve.)
 */
final class SigningKey {

    /** The two key families Corridor signs with. */
    enum Family { RSA, EC }

    private final Family family;
    private final int curveBits;
    private final AsymmetricKeyParameter privateKey;
    private final List<byte[]> encodedChain;

    private SigningKey(Family family, int curveBits, AsymmetricKeyParameter privateKey, List<byte[]> encodedChain) {
        this.family = family;
        this.curveBits = curveBits;
        this.privateKey = privateKey;
        this.encodedChain = encodedChain;
    }

    /**
     * BouncyCastle's view of {@code credentials}, or the reason the key cannot be used (including a
     * key that does not belong to the certificate).
     */
    static TlsResult<SigningKey> of(LocalCredentials credentials, TlsFailure.Kind kindOnFailure) {
        var paired = LocalCredentials.checked(credentials.chain(), credentials.privateKey(), kindOnFailure);
        if (paired instanceof TlsResult.Failed<LocalCredentials> failed) {
            return TlsResult.failed(failed.failure());
        }
        PrivateKey key = credentials.privateKey();
        Family family;
        int curveBits = 0;
        if ("RSA".equals(key.getAlgorithm())) {
            family = Family.RSA;
        } else if (("EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm())) && key instanceof ECKey ec) {
            family = Family.EC;
            curveBits = ec.getParams().getCurve().getField().getFieldSize();
            if (curveBits != 256 && curveBits != 384 && curveBits != 521) {
                return TlsResult.failed(kindOnFailure, "the private key is on a " + curveBits
                        + "-bit curve; Corridor signs with P-256, P-384 or P-521 only");
            }
        } else {
            return TlsResult.failed(kindOnFailure, "the private key is " + key.getAlgorithm()
                    + "; Corridor signs with RSA or EC keys only");
        }
        try {
            AsymmetricKeyParameter parameter = PrivateKeyFactory.createKey(key.getEncoded());
            List<byte[]> chain = new ArrayList<>();
            for (X509Certificate certificate : credentials.chain()) {
                chain.add(certificate.getEncoded());
            }
            return TlsResult.ok(new SigningKey(family, curveBits, parameter, chain));
        } catch (IOException | CertificateEncodingException | RuntimeException e) {
            return TlsResult.failed(kindOnFailure, "the private key cannot be used: " + PemText.describe(e));
        }
    }

    Family family() {
        return family;
    }

    /**
     * A signer for this handshake, or empty when the peer accepts none of the schemes our key makes.
     *
     * @param peerSchemes               the peer's signature_algorithms (null: TLS 1.2 defaults)
     * @param certificateRequestContext TLS 1.3 context to echo, or null in TLS 1.2
     */
    Optional<TlsCredentialedSigner> signer(TlsContext context, BcTlsCrypto crypto,
            Vector<SignatureAndHashAlgorithm> peerSchemes, byte[] certificateRequestContext) throws IOException {
        ProtocolVersion version = context.getServerVersion();
        boolean tls13 = TlsUtils.isTLSv13(version);
        Optional<SignatureAndHashAlgorithm> scheme = choose(tls13, peerSchemes);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        TlsCertificate[] certificates = new TlsCertificate[encodedChain.size()];
        for (int i = 0; i < certificates.length; i++) {
            certificates[i] = crypto.createCertificate(encodedChain.get(i));
        }
        Certificate chain;
        if (tls13) {
            CertificateEntry[] entries = new CertificateEntry[certificates.length];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = new CertificateEntry(certificates[i], null);
            }
            byte[] requestContext = certificateRequestContext == null ? TlsUtils.EMPTY_BYTES : certificateRequestContext;
            chain = new Certificate(requestContext, entries);
        } else {
            chain = new Certificate(certificates);
        }
        return Optional.of(new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                chain, scheme.get()));
    }

    private Optional<SignatureAndHashAlgorithm> choose(boolean tls13, Vector<SignatureAndHashAlgorithm> peer) {
        for (int scheme : preferred(tls13)) {
            SignatureAndHashAlgorithm candidate = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
            if (peer == null ? !tls13 && isSha1(scheme) : contains(peer, candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private int[] preferred(boolean tls13) {
        if (family == Family.RSA) {
            return tls13
                    ? new int[] {SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384,
                        SignatureScheme.rsa_pss_rsae_sha512}
                    : new int[] {SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pkcs1_sha256,
                        SignatureScheme.rsa_pkcs1_sha384, SignatureScheme.rsa_pkcs1_sha512,
                        SignatureScheme.rsa_pkcs1_sha1};
        }
        int own = switch (curveBits) {
            case 384 -> SignatureScheme.ecdsa_secp384r1_sha384;
            case 521 -> SignatureScheme.ecdsa_secp521r1_sha512;
            default -> SignatureScheme.ecdsa_secp256r1_sha256;
        };
        return tls13 ? new int[] {own}
                : new int[] {own, SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384,
                    SignatureScheme.ecdsa_sha1};
    }

    private static boolean isSha1(int scheme) {
        return scheme == SignatureScheme.rsa_pkcs1_sha1 || scheme == SignatureScheme.ecdsa_sha1;
    }

    private static boolean contains(Vector<SignatureAndHashAlgorithm> peer, SignatureAndHashAlgorithm candidate) {
        for (SignatureAndHashAlgorithm offered : peer) {
            if (offered.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The peer's chain from BouncyCastle's encoding into JDK certificates. */
    static TlsResult<List<X509Certificate>> toX509(Certificate chain) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (TlsCertificate certificate : chain.getCertificateList()) {
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(certificate.getEncoded())));
            }
            return TlsResult.ok(certificates);
        } catch (CertificateException | IOException | RuntimeException e) {
            return TlsResult.failed(TlsFailure.Kind.UNTRUSTED, "the peer's certificate cannot be read: "
                    + PemText.describe(e));
        }
    }

    /** Key and chain stay out of logs. */
    @Override
    public String toString() {
        return "SigningKey[" + family + ", chain=" + encodedChain.size() + ", key=[redacted]]";
    }
}

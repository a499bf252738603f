package dev.corridor.protocol.tls;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsHash;
import org.bouncycastle.tls.crypto.TlsSecret;

/**
 * A private copy of the secret the TLS exporter works from, taken when the handshake completes.
 *
 * <p>BouncyCastle wipes the session's master and exporter secrets right after
 * {@code notifyHandshakeComplete()}, so {@code TlsContext.exportKeyingMaterial} only works inside
 * that callback. OpenVPN, however, exports only after PUSH_REPLY has chosen TLS-EKM (protocol.md
 * §4.5), and later again for dynamic tls-crypt. So we copy the one secret the exporter needs and
 * compute the exporter ourselves with BouncyCastle's own primitives, exactly as
 * {@code AbstractTlsContext.exportKeyingMaterial} does with a null context:
 * <pre>
 *   TLS 1.3 (RFC 8446 §7.5), H = the suite's hash, "no context" = empty context:
 *     secret  = HKDF-Expand-Label(exporter_master_secret, label, H(""), Hash.length)
 *     output  = HKDF-Expand-Label(secret, "exporter", H(""), length)
 *   TLS 1.2 (RFC 5705 §4), no context = nothing after the randoms in the seed:
 *     output  = PRF(master_secret, label, client_random + server_random)[0..length)
 * </pre>
 * A TLS 1.2 session without extended_master_secret keeps no copy: RFC 7627 §5.4 forbids exporting.
 */
final class ExporterSecret {
    private final TlsCrypto crypto;
    private final boolean tls13;
    private final int prfAlgorithm;
    private final int hashAlgorithm;
    private final int hashLength;
    private final byte[] randoms;
    private final String unavailable;
    private TlsSecret secret;

    private ExporterSecret(TlsCrypto crypto, boolean tls13, int prfAlgorithm, int hashAlgorithm, int hashLength,
            byte[] randoms, TlsSecret secret, String unavailable) {
        this.crypto = crypto;
        this.tls13 = tls13;
        this.prfAlgorithm = prfAlgorithm;
        this.hashAlgorithm = hashAlgorithm;
        this.hashLength = hashLength;
        this.randoms = randoms;
        this.secret = secret;
        this.unavailable = unavailable;
    }

    /** Copies what the exporter needs; call from {@code notifyHandshakeComplete()}. */
    static ExporterSecret capture(TlsContext context) {
        SecurityParameters parameters = context.getSecurityParametersConnection();
        TlsCrypto crypto = context.getCrypto();
        boolean tls13 = TlsUtils.isTLSv13(parameters.getNegotiatedVersion());
        if (!tls13 && !parameters.isExtendedMasterSecret()) {
            return new ExporterSecret(crypto, false, 0, 0, 0, new byte[0], null, "the peer did not negotiate"
                    + " extended_master_secret, so TLS 1.2 keying material must not be exported (RFC 7627 section 5.4)");
        }
        TlsSecret source = tls13 ? parameters.getExporterMasterSecret() : parameters.getMasterSecret();
        if (source == null || !source.isAlive()) {
            return new ExporterSecret(crypto, tls13, 0, 0, 0, new byte[0], null, "the TLS library kept no exporter"
                    + " secret for this session");
        }
        byte[] randoms = new byte[64];
        System.arraycopy(parameters.getClientRandom(), 0, randoms, 0, 32);
        System.arraycopy(parameters.getServerRandom(), 0, randoms, 32, 32);
        return new ExporterSecret(crypto, tls13, parameters.getPRFAlgorithm(), parameters.getPRFCryptoHashAlgorithm(),
                parameters.getPRFHashLength(), randoms, crypto.adoptSecret(source), null);
    }

    /** Whether {@link #export} can work. */
    boolean available() {
        return unavailable == null && secret != null;
    }

    /** Exporter output for {@code label} with no context. */
    KeyingMaterialExport export(String label, int length) {
        if (unavailable != null) {
            return new KeyingMaterialExport.Unavailable(unavailable);
        }
        if (secret == null) {
            return new KeyingMaterialExport.Unavailable("the TLS session is over and its secrets are wiped");
        }
        try {
            byte[] material;
            if (tls13) {
                TlsHash hash = crypto.createHash(hashAlgorithm);
                byte[] emptyHash = hash.calculateHash();
                TlsSecret perLabel = TlsCryptoUtils.hkdfExpandLabel(secret, hashAlgorithm, label, emptyHash, hashLength);
                material = TlsCryptoUtils.hkdfExpandLabel(perLabel, hashAlgorithm, "exporter", emptyHash, length)
                        .extract();
                perLabel.destroy();
            } else {
                material = secret.deriveUsingPRF(prfAlgorithm, label, randoms, length).extract();
            }
            KeyingMaterialExport.Exported exported = new KeyingMaterialExport.Exported(material);
            Arrays.fill(material, (byte) 0);
            return exported;
        } catch (IOException | RuntimeException e) {
            return new KeyingMaterialExport.Unavailable("the exporter refused: " + PemText.describe(e));
        }
    }

    /** Wipes the copy; later exports are unavailable. */
    void destroy() {
        if (secret != null) {
            secret.destroy();
            secret = null;
        }
    }

    @Override
    public String toString() {
        return "ExporterSecret[" + (tls13 ? "TLS 1.3" : "TLS 1.2") + ", " + (available() ? "held" : "none") + "]";
    }
}

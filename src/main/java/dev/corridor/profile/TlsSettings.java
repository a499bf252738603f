package dev.corridor.profile;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the TLS handshake and the control-channel wrapping need from a profile. Key material
 * is kept as the PEM or static-key text of the profile, already checked to parse.
 *
 * @param ca                 trusted CA certificates (PEM)
 * @param cert               client certificate (PEM), for mutual authentication
 * @param key                client private key (PEM)
 * @param keyEncrypted       true when the private key needs a passphrase
 * @param extraCerts         intermediate certificates sent with the client certificate
 * @param tlsAuth            static key for tls-auth HMAC wrapping
 * @param keyDirection       0 or 1 for tls-auth; empty means bidirectional
 * @param tlsCrypt           static key for tls-crypt wrapping
 * @param remoteCertTlsServer {@code remote-cert-tls server}: require the serverAuth EKU
 * @param verifyX509Name     optional name check on the server certificate
 * @param crl                CRL (PEM) the server certificate is checked against
 * @param tlsVersionMin      lowest TLS version, "1.2" unless the profile says otherwise
 * @param tlsVersionMax      highest TLS version, empty for the newest Corridor supports
 */
public record TlsSettings(String ca, Optional<String> cert, Optional<String> key, boolean keyEncrypted,
        Optional<String> extraCerts, Optional<String> tlsAuth, OptionalInt keyDirection, Optional<String> tlsCrypt,
        boolean remoteCertTlsServer, Optional<VerifyX509Name> verifyX509Name, Optional<String> crl,
        String tlsVersionMin, Optional<String> tlsVersionMax) {

    /** Key material must never be printed; this shows only which parts are present. */
    @Override
    public String toString() {
        return "TlsSettings[ca, cert=" + cert.isPresent() + ", key=" + key.isPresent() + ", tlsAuth="
                + tlsAuth.isPresent() + ", tlsCrypt=" + tlsCrypt.isPresent() + ", remoteCertTlsServer="
                + remoteCertTlsServer + ", verifyX509Name=" + verifyX509Name + "]";
    }
}

package dev.corridor.server.saml;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * What a SAML response must match to be accepted for one sign-in.
 *
 * @param idpCertificate the pinned IdP certificate; only its key may sign
 * @param idpIssuer      the IdP's entity id, the Issuer
 * @param acsUrl         Destination and Recipient: the client's listener, {@code http://127.0.0.1:35001}
 * @param requestId      the ID of the AuthnRequest sent for this state: InResponseTo
 * @param clockSkew      tolerance on NotBefore / NotOnOrAfter
 */
public record SamlExpectations(X509Certificate idpCertificate, String idpIssuer, String acsUrl, String requestId,
        Duration clockSkew) {
    public SamlExpectations {
        Objects.requireNonNull(idpCertificate, "idpCertificate");
        Objects.requireNonNull(idpIssuer, "idpIssuer");
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clockSkew, "clockSkew");
    }
}

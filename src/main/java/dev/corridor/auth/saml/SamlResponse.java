package dev.corridor.auth.saml;

import java.util.Objects;
import java.util.Optional;

/**
 * The base64 {@code SAMLResponse} form value the browser posted to the ACS listener, exactly as
 * sent (after form decoding that keeps {@code +}); {@link #toString} never shows it.
 *
 * @param base64     the form value, the base64 of the signed {@code <samlp:Response>}
 * @param relayState the {@code RelayState} form value when the IdP sent one
 */
public record SamlResponse(String base64, Optional<String> relayState) {
    public SamlResponse {
        Objects.requireNonNull(base64, "base64");
        Objects.requireNonNull(relayState, "relayState");
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("empty SAMLResponse");
        }
    }

    @Override
    public String toString() {
        return "SamlResponse[" + base64.length() + " chars, redacted]";
    }
}

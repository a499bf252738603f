package dev.corridor.server.saml;

import java.util.Objects;

/** The result of checking one SAML response: the identity it proves, or why it is refused. */
public sealed interface SamlCheck permits SamlCheck.Valid, SamlCheck.Invalid {

    /** Signed by the pinned IdP, meant for this request and this service, in its validity window. */
    record Valid(SamlIdentity identity) implements SamlCheck {
        public Valid {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** Refused; {@code reason} is a short fixed sentence, the same for the client and the log. */
    record Invalid(String reason) implements SamlCheck {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

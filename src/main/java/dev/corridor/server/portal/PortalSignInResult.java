package dev.corridor.server.portal;

import java.util.Objects;

/** The outcome of one portal sign-in: who signed in, or why it was refused. */
public sealed interface PortalSignInResult {

    /** @param user the signed-in user (email for SAML, username for the directory) */
    record SignedIn(String user) implements PortalSignInResult {
        public SignedIn {
            Objects.requireNonNull(user, "user");
        }
    }

    /** @param reason one sentence, safe to show the user (no secrets) */
    record Refused(String reason) implements PortalSignInResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

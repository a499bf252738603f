package dev.corridor.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * How the user proves who they are: a client certificate, a username and password (optionally with
 * a static challenge such as an MFA code), SAML single sign-on ({@code auth-federate}), or a mix.
 *
 * @param certificate     the profile carries a client certificate and key
 * @param userPass        {@code auth-user-pass}: ask for a username and password
 * @param federated       {@code auth-federate}: the AWS SAML flow through the browser
 * @param staticChallenge the second prompt shown with the password
 * @param retry           what to do after AUTH_FAILED
 * @param noCache         {@code auth-nocache}: forget the password right after use
 */
public record Authentication(boolean certificate, boolean userPass, boolean federated,
        Optional<StaticChallenge> staticChallenge, AuthRetry retry, boolean noCache) {
    /** {@code auth-retry}: what happens after the server refuses the credentials. */
    public enum AuthRetry { NONE, NOINTERACT, INTERACT }

    public Authentication {
        Objects.requireNonNull(staticChallenge, "staticChallenge");
        Objects.requireNonNull(retry, "retry");
    }

    /** A short name of the method for lists: certificate, password, certificate+password, SAML. */
    public String summary() {
        if (federated) {
            return "saml";
        }
        if (certificate && userPass) {
            return staticChallenge.isPresent() ? "certificate+password+mfa" : "certificate+password";
        }
        if (userPass) {
            return staticChallenge.isPresent() ? "password+mfa" : "password";
        }
        return "certificate";
    }
}

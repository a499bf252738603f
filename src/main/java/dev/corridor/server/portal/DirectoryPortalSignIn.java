package dev.corridor.server.portal;

import dev.corridor.server.users.UserDirectory;
import dev.corridor.server.users.Verification;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The portal's sign-in for a directory endpoint: the user's directory username and password, and
 * the TOTP code when the endpoint has MFA and the user an MFA device. Every refusal gets the same
 * sentence, so the page tells nobody which usernames exist.
 */
public final class DirectoryPortalSignIn implements PortalSignIn {
    /** The one refusal sentence. */
    public static final String REFUSED = "wrong username, password or MFA code";

    private final UserDirectory directory;
    private final Clock clock;

    public DirectoryPortalSignIn(UserDirectory directory, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the form asks for an MFA code. */
    public boolean asksForCode() {
        return directory.mfaRequired();
    }

    /** Checks one attempt; the caller wipes {@code password}. */
    public PortalSignInResult check(String username, char[] password, String code) {
        Verification verification = directory.verify(username, password,
                code.isBlank() ? Optional.empty() : Optional.of(code), clock);
        if (verification instanceof Verification.Ok ok) {
            return new PortalSignInResult.SignedIn(ok.username());
        }
        return new PortalSignInResult.Refused(REFUSED);
    }
}

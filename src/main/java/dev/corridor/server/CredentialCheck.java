package dev.corridor.server;

import dev.corridor.server.saml.FederatedLogin;
import dev.corridor.server.users.UserDirectory;
import dev.corridor.server.users.Verification;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a connecting client per the endpoint's authentication type.
 *
 * <pre>
 *   mutual             : TLS already verified the certificate (CA, CRL) ─► Admitted(CN)
 *   directory          : username + password (SCRV1 split for MFA) ─► UserDirectory.verify
 *   mutual + directory : both; the directory decides the identity and the groups
 *   federated          : ACS::port ─► Refused with the CRV1 challenge; CRV1::state::response ─► FederatedLogin
 * </pre>
 *
 * The client only ever hears "Invalid username or password" for directory refusals (as a Client
 * VPN endpoint says); the detailed reason goes to the server's log.
 */
public final class CredentialCheck {
    /** What AUTH_FAILED says for any directory refusal. */
    public static final String INVALID_CREDENTIALS = "Invalid username or password";

    private final boolean certificates;
    private final Optional<UserDirectory> directory;
    private final Clock clock;
    private final Optional<FederatedLogin> federated;

    /**
     * @param certificates whether a verified client certificate is required
     * @param directory    the users, when passwords are checked
     * @param clock        the time TOTP codes are checked against
     */
    public CredentialCheck(boolean certificates, Optional<UserDirectory> directory, Clock clock) {
        if (!certificates && directory.isEmpty()) {
            throw new IllegalArgumentException("no authentication configured");
        }
        this.certificates = certificates;
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.federated = Optional.empty();
    }

    private CredentialCheck(FederatedLogin federated) {
        this.certificates = false;
        this.directory = Optional.empty();
        this.clock = Clock.systemUTC();
        this.federated = Optional.of(federated);
    }

    /** SAML sign-in: every client is judged by {@code login} (CRV1 challenge, then the SAML response). */
    public static CredentialCheck federated(FederatedLogin login) {
        return new CredentialCheck(Objects.requireNonNull(login, "login"));
    }

    /** True when a verified client certificate is required. */
    public boolean requiresCertificate() {
        return certificates;
    }

    /**
     * True when judging is only a look at the verified certificate (mutual authentication without
     * a directory or SAML): no password hash, nothing slow, so the caller may judge on its own thread.
     */
    public boolean certificateOnly() {
        return directory.isEmpty() && federated.isEmpty();
    }

    /** True when usernames are meaningful identities: a directory, or SAML (the NameID). */
    public boolean usesDirectory() {
        return directory.isPresent() || federated.isPresent();
    }

    /**
     * The first connection of a SAML sign-in is refused with the CRV1 challenge as the AUTH_FAILED
     * text ({@code AUTH_FAILED,CRV1:R:...}); the second is admitted as the NameID with the memberOf
     * groups, or refused with the reason the check gave.
     */
    private ClientVerdict judgeFederated(String username, char[] password) {
        FederatedLogin.Decision decision = federated.get().judge(username, password);
        if (decision instanceof FederatedLogin.Decision.Challenge challenge) {
            return new ClientVerdict.Refused(challenge.challenge(), "SAML sign-in started: CRV1 challenge sent");
        }
        if (decision instanceof FederatedLogin.Decision.Admitted admitted) {
            return new ClientVerdict.Admitted(admitted.identity().email(), admitted.identity().groups());
        }
        String reason = ((FederatedLogin.Decision.Refused) decision).reason();
        return new ClientVerdict.Refused("SAML sign-in refused: " + reason, "SAML: " + reason);
    }

    /** Judges one client; the caller wipes {@code password} afterwards. */
    public ClientVerdict judge(String username, char[] password, Optional<String> certificateCn) {
        if (federated.isPresent()) {
            return judgeFederated(username, password);
        }
        if (certificates && certificateCn.isEmpty()) {
            return new ClientVerdict.Refused("a client certificate is required", "no client certificate");
        }
        if (directory.isEmpty()) {
            return new ClientVerdict.Admitted(certificateCn.get(), List.of());
        }
        if (username.isEmpty()) {
            return new ClientVerdict.Refused(INVALID_CREDENTIALS, "no username sent");
        }
        Optional<StaticChallengeAnswer> split = StaticChallengeAnswer.parse(password);
        if (split.isEmpty()) {
            return new ClientVerdict.Refused(INVALID_CREDENTIALS, "malformed SCRV1 static-challenge response");
        }
        StaticChallengeAnswer answer = split.get();
        try {
            Verification verification = directory.get().verify(username, answer.password(), answer.answer(), clock);
            if (verification instanceof Verification.Ok ok) {
                return new ClientVerdict.Admitted(ok.username(), ok.groups());
            }
            Verification.Refused refused = (Verification.Refused) verification;
            return new ClientVerdict.Refused(INVALID_CREDENTIALS, "user \"" + username + "\": " + refused.reason());
        } finally {
            answer.wipe();
        }
    }
}

package dev.corridor.server.portal;

import dev.corridor.server.saml.AuthnRequestRedirect;
import dev.corridor.server.saml.FederatedLogin;
import dev.corridor.server.saml.SamlCheck;
import dev.corridor.server.saml.SamlExpectations;
import dev.corridor.server.saml.SamlResponseValidator;
import dev.corridor.server.saml.TrustedIdp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's SAML sign-in: an AuthnRequest for the portal's own ACS URL, and the check of the
 * response the browser posts back, with the same rules as the endpoint's (pinned IdP key,
 * anti-wrapping, Issuer, Audience, Destination and Recipient = the portal's ACS URL, InResponseTo,
 * validity window, email NameID, memberOf), each request answerable once.
 *
 * <pre>
 *   start(acsUrl) ─► RelayState r (random) → {request ID, ACS URL, expiry 10 min} ─► IdP URL
 *   finish(r, SAMLResponse) ─► r taken out (unknown, used, expired ─► Refused)
 *                           ─► SamlResponseValidator(pinned IdP, ACS URL, request ID) ─► SignedIn(email)
 * </pre>
 */
public final class SamlPortalSignIn implements PortalSignIn {
    private static final int MAX_PENDING = 10_000;

    private record Pending(String requestId, String acsUrl, Instant expires) {}

    private final TrustedIdp idp;
    private final Clock clock;
    private final SecureRandom random;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    public SamlPortalSignIn(TrustedIdp idp, Clock clock, SecureRandom random) {
        this.idp = Objects.requireNonNull(idp, "idp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The IdP the portal signs users in at. */
    public TrustedIdp idp() {
        return idp;
    }

    /** A new sign-in whose response the IdP is to post to {@code acsUrl}: the URL to send the browser to. */
    public String start(String acsUrl) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.expires()));
        if (pending.size() >= MAX_PENDING) {
            throw new IllegalStateException("too many portal sign-ins in progress; try again later");
        }
        String relayState = hex(16);
        String requestId = "_" + hex(16);
        pending.put(relayState, new Pending(requestId, acsUrl, now.plus(FederatedLogin.STATE_LIFETIME)));
        return AuthnRequestRedirect.url(idp.ssoUrl(), requestId, acsUrl, relayState, now);
    }

    /** Checks the response posted with {@code relayState}; the relay state is used up either way. */
    public PortalSignInResult finish(String relayState, String samlResponse) {
        Pending request = pending.remove(relayState);
        if (request == null || !clock.instant().isBefore(request.expires())) {
            return new PortalSignInResult.Refused("the sign-in is unknown, already used or expired;"
                    + " start again from the portal");
        }
        SamlCheck check = SamlResponseValidator.check(samlResponse, new SamlExpectations(idp.certificate(),
                idp.entityId(), request.acsUrl(), request.requestId(), FederatedLogin.CLOCK_SKEW), clock.instant());
        if (check instanceof SamlCheck.Valid valid) {
            return new PortalSignInResult.SignedIn(valid.identity().email());
        }
        return new PortalSignInResult.Refused(((SamlCheck.Invalid) check).reason());
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}

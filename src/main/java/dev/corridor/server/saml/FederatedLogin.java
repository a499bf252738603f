package dev.corridor.server.saml;

import dev.corridor.auth.saml.FormBody;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The endpoint's side of AWS-style SAML sign-in over two connections (protocol.md §7.2): answers
 * {@code ACS::<port>} with a CRV1 challenge carrying the IdP URL and a fresh AuthnRequest, and
 * {@code CRV1::<state>::<response>} with the identity the checked SAML response proves.
 *
 * <pre>
 *   password "ACS::p"  ─► new state "instance-&lt;id&gt;/&lt;n&gt;/&lt;hex&gt;" {request ID, ACS url, expiry}
 *                      ─► Challenge "CRV1:R:&lt;state&gt;:&lt;base64 N/A&gt;:&lt;IdP URL?SAMLRequest=..&amp;RelayState=..&gt;"
 *   password "CRV1::s::r" ─► state taken out (single use; unknown, used or expired ─► Refused)
 *                         ─► r percent-decoded (+ kept) ─► SamlResponseValidator ─► Admitted / Refused
 *   anything else       ─► Refused
 * </pre>
 * States live in this server's memory only, so a state from another server (or an earlier run) is
 * unknown here.
 */
public final class FederatedLogin {
    /** How long a sign-in may take between the challenge and the answer. */
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    /** Tolerated clock difference to the IdP. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_PENDING = 10_000;

    /** What to do with one client's credentials. */
    public sealed interface Decision {
        /** Send {@code AUTH_FAILED,<challenge>}: the first connection's CRV1 challenge. */
        record Challenge(String challenge) implements Decision {}

        /** The SAML response proves this identity. */
        record Admitted(SamlIdentity identity) implements Decision {}

        /** Refused, with a reason for the client and the log. */
        record Refused(String reason) implements Decision {}
    }

    private record Pending(String requestId, String acsUrl, Instant expires) {}

    private final X509Certificate idpCertificate;
    private final String idpUrl;
    private final String idpIssuer;
    private final Clock clock;
    private final SecureRandom random;
    private final String instance;
    private final AtomicLong counter = new AtomicLong();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param idpCertificate the pinned certificate whose key signs the IdP's responses
     * @param idpUrl         the IdP's SAML HTTP-Redirect sign-in URL
     * @param idpIssuer      the IdP's entity id (the Issuer of its responses)
     */
    public FederatedLogin(X509Certificate idpCertificate, String idpUrl, String idpIssuer, Clock clock,
            SecureRandom random) {
        this.idpCertificate = Objects.requireNonNull(idpCertificate, "idpCertificate");
        this.idpUrl = Objects.requireNonNull(idpUrl, "idpUrl");
        this.idpIssuer = Objects.requireNonNull(idpIssuer, "idpIssuer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.instance = "instance-" + Integer.toUnsignedString(random.nextInt() & 0x7fffffff);
    }

    /** Judges the key-method-2 username and password of one connection; the caller wipes the password. */
    public Decision judge(String username, char[] password) {
        String text = new String(password);
        if (text.startsWith("ACS::")) {
            return challenge(text.substring("ACS::".length()));
        }
        if (text.startsWith("CRV1::")) {
            int end = text.indexOf("::", "CRV1::".length());
            if (end < 0) {
                return new Decision.Refused("malformed CRV1 answer");
            }
            return answer(text.substring("CRV1::".length(), end), text.substring(end + 2));
        }
        return new Decision.Refused("this endpoint signs in with SAML; expected ACS:: or CRV1:: credentials");
    }

    private Decision challenge(String portText) {
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            return new Decision.Refused("malformed ACS port");
        }
        if (port < 1 || port > 65535) {
            return new Decision.Refused("malformed ACS port");
        }
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.expires()));
        if (pending.size() >= MAX_PENDING) {
            return new Decision.Refused("too many sign-ins in progress; try again later");
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String state = instance + "/" + counter.incrementAndGet() + "/" + HexFormat.of().formatHex(nonce);
        String requestId = "_" + HexFormat.of().formatHex(nonce, 0, 8) + Long.toHexString(counter.get());
        String acsUrl = SamlNames.acsUrl(port);
        pending.put(state, new Pending(requestId, acsUrl, now.plus(STATE_LIFETIME)));
        String url = AuthnRequestRedirect.url(idpUrl, requestId, acsUrl, state, now);
        String user = Base64.getEncoder().encodeToString("N/A".getBytes(StandardCharsets.UTF_8));
        return new Decision.Challenge("CRV1:R:" + state + ":" + user + ":" + url);
    }

    private Decision answer(String state, String encodedResponse) {
        Pending request = pending.remove(state);
        if (request == null || !clock.instant().isBefore(request.expires())) {
            return new Decision.Refused("the SAML sign-in state is unknown, already used or expired");
        }
        String base64;
        try {
            base64 = FormBody.percentDecode(encodedResponse);
        } catch (IllegalArgumentException e) {
            return new Decision.Refused("the SAML response is not correctly percent-encoded");
        }
        SamlCheck check = SamlResponseValidator.check(base64, new SamlExpectations(idpCertificate, idpIssuer,
                request.acsUrl(), request.requestId(), CLOCK_SKEW), clock.instant());
        if (check instanceof SamlCheck.Valid valid) {
            return new Decision.Admitted(valid.identity());
        }
        return new Decision.Refused(((SamlCheck.Invalid) check).reason());
    }
}

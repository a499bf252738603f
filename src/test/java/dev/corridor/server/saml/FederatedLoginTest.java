package dev.corridor.server.saml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.ControlMessageParser;
import dev.corridor.server.idp.AssertionContent;
import dev.corridor.server.idp.SamlResponseBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class FederatedLoginTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final IssuedCertificate IDP = CertificateAuthority.create("Test IdP", Clock.systemUTC(), RANDOM)
            .certificate();
    private static final String IDP_URL = "http://127.0.0.1:9999/sso";
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T22:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final FederatedLogin login = new FederatedLogin(IDP.certificate(), IDP_URL, IDP_URL, clock, RANDOM);
    private final SamlResponseBuilder idp = new SamlResponseBuilder(IDP, RANDOM);

    /** The parts of a challenge as the client reads them. */
    private record Challenge(String state, String requestId, String acsUrl, String relayState) {}

    private Challenge challenge(int port) throws Exception {
        FederatedLogin.Decision d = login.judge("N/A", ("ACS::" + port).toCharArray());
        assertThat(d).isInstanceOf(FederatedLogin.Decision.Challenge.class);
        String text = "AUTH_FAILED," + ((FederatedLogin.Decision.Challenge) d).challenge();
        ControlMessage.AuthFailed failed = (ControlMessage.AuthFailed) ControlMessageParser.parse(text);
        ControlMessage.AuthFailed.Crv1 crv1 = (ControlMessage.AuthFailed.Crv1) failed.kind();
        assertThat(crv1.flags()).containsExactly("R");
        assertThat(crv1.stateId()).matches("instance-\\d+/\\d+/[0-9a-f]{32}");
        assertThat(crv1.decodedUsername()).contains("N/A");
        URI url = URI.create(failed.reason());
        assertThat(failed.reason()).startsWith(IDP_URL + "?SAMLRequest=");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        Inflater inflater = new Inflater(true);
        inflater.setInput(Base64.getDecoder().decode(query.get("SAMLRequest")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        String request = out.toString(StandardCharsets.UTF_8);
        assertThat(request).contains("AssertionConsumerServiceURL=\"http://127.0.0.1:" + port + "\"")
                .contains("<saml:Issuer>urn:amazon:webservices:clientvpn</saml:Issuer>");
        String requestId = request.replaceFirst("(?s).* ID=\"([^\"]+)\".*", "$1");
        return new Challenge(crv1.stateId(), requestId, "http://127.0.0.1:" + port, query.get("RelayState"));
    }

    private String response(Challenge c) {
        Instant t = now.get();
        return idp.base64(new AssertionContent(IDP_URL, SamlNames.CLIENT_VPN_AUDIENCE, c.acsUrl(), c.requestId(), t,
                t, t.plusSeconds(300), "bob@example.test", "Bob", "Builder", List.of("engineering")),
                SamlResponseBuilder.Signing.RESPONSE);
    }

    private static String percent(String base64) {
        return base64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    }

    @Test
    void challengeThenPercentEncodedOrRawAnswerAdmits() throws Exception {
        Challenge c = challenge(35001);
        assertThat(c.relayState()).isEqualTo(c.state());
        FederatedLogin.Decision d = login.judge("N/A", ("CRV1::" + c.state() + "::" + percent(response(c))).toCharArray());
        assertThat(d).isEqualTo(new FederatedLogin.Decision.Admitted(new SamlIdentity("bob@example.test", "Bob",
                "Builder", List.of("engineering"))));
        Challenge raw = challenge(35001);
        assertThat(login.judge("N/A", ("CRV1::" + raw.state() + "::" + response(raw)).toCharArray()))
                .isInstanceOf(FederatedLogin.Decision.Admitted.class);
    }

    @Test
    void aStateIsSingleUseSoAReplayIsRefused() throws Exception {
        Challenge c = challenge(35001);
        char[] answer = ("CRV1::" + c.state() + "::" + percent(response(c))).toCharArray();
        assertThat(login.judge("N/A", answer.clone())).isInstanceOf(FederatedLogin.Decision.Admitted.class);
        assertThat(login.judge("N/A", answer)).isEqualTo(new FederatedLogin.Decision.Refused(
                "the SAML sign-in state is unknown, already used or expired"));
    }

    @Test
    void statesExpireAndForeignStatesAreUnknown() throws Exception {
        Challenge c = challenge(35001);
        String answer = response(c);
        now.set(now.get().plus(FederatedLogin.STATE_LIFETIME));
        assertThat(login.judge("N/A", ("CRV1::" + c.state() + "::" + answer).toCharArray())).isEqualTo(
                new FederatedLogin.Decision.Refused("the SAML sign-in state is unknown, already used or expired"));
        FederatedLogin other = new FederatedLogin(IDP.certificate(), IDP_URL, IDP_URL, clock, RANDOM);
        Challenge mine = challenge(35001);
        assertThat(other.judge("N/A", ("CRV1::" + mine.state() + "::" + response(mine)).toCharArray()))
                .isInstanceOf(FederatedLogin.Decision.Refused.class);
    }

    @Test
    void aResponseForAnotherStateOrPortIsRefused() throws Exception {
        Challenge first = challenge(35001);
        Challenge second = challenge(35002);
        // the response to the first request presented with the second state: wrong InResponseTo / Destination
        assertThat(login.judge("N/A", ("CRV1::" + second.state() + "::" + response(first)).toCharArray()))
                .isEqualTo(new FederatedLogin.Decision.Refused("the SAML response is for another Destination"));
    }

    @Test
    void otherPasswordsAndMalformedAnswersAreRefused() {
        assertThat(login.judge("alice", "secret".toCharArray())).isInstanceOf(FederatedLogin.Decision.Refused.class);
        assertThat(login.judge("N/A", "ACS::99999".toCharArray()))
                .isEqualTo(new FederatedLogin.Decision.Refused("malformed ACS port"));
        assertThat(login.judge("N/A", "CRV1::nostate".toCharArray()))
                .isEqualTo(new FederatedLogin.Decision.Refused("malformed CRV1 answer"));
    }
}

package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.corridor.profile.LineTokenizer;
import dev.corridor.protocol.message.BannerEchoes;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.PushOptionsParser;
import dev.corridor.protocol.message.PushParseResult;
import dev.corridor.protocol.message.PushReplySplitter;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.server.config.LoginBanner;
import dev.corridor.server.config.Route;
import dev.corridor.server.config.TransportProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The exact PUSH_REPLY options the endpoint sends, and the login banner's round trip to Corridor's client. */
class PushedSettingsTest {
    private static final String BANNER_OPTION =
            "echo \"msg Corridor test endpoint. Authorized use only; connections are logged.\"";

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text).orElseThrow();
    }

    private static Ipv4Cidr cidr(String text) {
        return Ipv4Cidr.parse(text).orElseThrow();
    }

    private static EndpointConfig initial(AuthMode auth, boolean splitTunnel) {
        return ServerInitializer.endpointConfig("cvpn-endpoint-0123456789abcdef0",
                new InitOptions(auth, TransportProtocol.UDP, 443, splitTunnel, "127.0.0.1"));
    }

    /** {@code config} with other DNS servers, routes and banner. */
    private static EndpointConfig with(EndpointConfig c, List<Ipv4Address> dns, List<Route> routes,
            LoginBanner banner) {
        return new EndpointConfig(c.endpointId(), c.clientCidr(), c.transport(), c.port(), c.serverCertificate(),
                c.authentication(), dns, c.splitTunnel(), routes, c.authorizationRules(), c.clientToClient(),
                c.crlFile(), c.clientConnectHandler(), c.connectionLog(), c.maxSessionHours(), banner,
                c.selfServicePortal(), c.metrics(), c.portal());
    }

    private static EndpointConfig withBanner(EndpointConfig c, String text) {
        return with(c, c.dnsServers(), c.routes(), new LoginBanner(true, text));
    }

    private static PushedSettings.ForClient client(boolean ccExit, boolean tlsEkm, Optional<String> token,
            boolean newSession) {
        return new PushedSettings.ForClient(ip("10.200.0.2"), 3, "AES-256-GCM", ccExit, tlsEkm, token, newSession,
                OptionalLong.of(86_399));
    }

    private static List<String> build(EndpointConfig config, PushedSettings.ForClient client) {
        return PushedSettings.build(config, new AddressPool(config.clientCidr()), client);
    }

    /** What Corridor's client makes of the pushed options: parsed like a PUSH_REPLY, then the banner lines. */
    private static List<String> bannerAtTheClient(List<String> options) {
        PushParseResult parsed = PushOptionsParser.parse(options);
        assertThat(parsed).isInstanceOf(PushParseResult.Accepted.class);
        var push = ((PushParseResult.Accepted) parsed).options();
        assertThat(push.problems()).isEmpty();
        return BannerEchoes.lines(push.session().echo());
    }

    @Test
    void aFullTunnelMutualClientGetsRedirectGatewayDnsKeepaliveAndTheBanner() {
        assertThat(build(initial(AuthMode.MUTUAL, false), client(true, true, Optional.empty(), true)))
                .containsExactly(
                        "route-gateway 10.200.0.1",
                        "topology subnet",
                        "ping 10",
                        "ping-restart 60",
                        "ifconfig 10.200.0.2 255.255.252.0",
                        "redirect-gateway def1 bypass-dhcp",
                        "dhcp-option DNS 10.100.0.2",
                        "peer-id 3",
                        "cipher AES-256-GCM",
                        "protocol-flags cc-exit tls-ekm",
                        BANNER_OPTION,
                        "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 86399");
    }

    @Test
    void aSplitTunnelClientGetsTheRouteTableInsteadOfRedirectGatewayButNeverADefaultRoute() {
        EndpointConfig config = with(initial(AuthMode.MUTUAL, true), List.of(ip("10.100.0.2"), ip("10.100.0.3")),
                List.of(new Route(cidr("10.100.0.0/16"), "local", "private"),
                        new Route(cidr("192.168.7.0/24"), "local", "lab"),
                        new Route(cidr("0.0.0.0/0"), "local", "internet")),
                LoginBanner.disabled());

        assertThat(build(config, client(false, false, Optional.empty(), true))).containsExactly(
                "route-gateway 10.200.0.1",
                "topology subnet",
                "ping 10",
                "ping-restart 60",
                "ifconfig 10.200.0.2 255.255.252.0",
                "route 10.100.0.0 255.255.0.0",
                "route 192.168.7.0 255.255.255.0",
                "dhcp-option DNS 10.100.0.2",
                "dhcp-option DNS 10.100.0.3",
                "peer-id 3",
                "cipher AES-256-GCM",
                "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 86399");
    }

    @Test
    void protocolFlagsNameOnlyWhatTheClientOffered() {
        EndpointConfig config = initial(AuthMode.MUTUAL, false);
        assertThat(build(config, client(true, false, Optional.empty(), true)))
                .contains("protocol-flags cc-exit").noneMatch(o -> o.contains("tls-ekm"));
        assertThat(build(config, client(false, true, Optional.empty(), true)))
                .contains("protocol-flags tls-ekm").noneMatch(o -> o.contains("cc-exit"));
        assertThat(build(config, client(false, false, Optional.empty(), true)))
                .noneMatch(o -> o.startsWith("protocol-flags")); // keys by the PRF then
    }

    @Test
    void aDirectoryUserGetsItsAuthTokenAndTheBannerOnlyOnANewSession() {
        EndpointConfig config = initial(AuthMode.DIRECTORY, false);
        List<String> first = build(config, client(true, true, Optional.of("CTK1_secret"), true));
        assertThat(first.subList(9, first.size())).containsExactly(
                "protocol-flags cc-exit tls-ekm",
                "auth-token CTK1_secret",
                BANNER_OPTION,
                "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 86399");

        List<String> back = build(config, client(true, true, Optional.of("CTK1_secret"), false));
        assertThat(back).contains("auth-token CTK1_secret").noneMatch(o -> o.startsWith("echo"));
        assertThat(back).hasSize(first.size() - 1);
    }

    @Test
    void aBannerOf1400TwoByteCharactersFitsOpenVpnsOptionLinesAndComesBackWhole() {
        String banner = "é".repeat(LoginBanner.MAX_CHARACTERS);
        List<String> options = build(withBanner(initial(AuthMode.MUTUAL, false), banner),
                client(true, true, Optional.empty(), true));

        List<String> echoes = options.stream().filter(o -> o.startsWith("echo ")).toList();
        assertThat(echoes).hasSizeGreaterThan(10);
        for (String echo : echoes) {
            assertThat(echo.getBytes(StandardCharsets.UTF_8).length).as(echo)
                    .isLessThanOrEqualTo(BannerEchoes.MAX_OPTION_BYTES);
            // one quoted parameter, as OpenVPN's parse_line reads it (at most 16 parameters of 255 bytes)
            List<String> tokens = LineTokenizer.tokenize(echo).tokens();
            assertThat(tokens).hasSize(2);
            assertThat(tokens.get(1).getBytes(StandardCharsets.UTF_8).length).isLessThan(256);
        }
        List<ControlMessage.PushReply> replies = new ArrayList<>();
        assertThatCode(() -> replies.addAll(PushReplySplitter.split(options))).doesNotThrowAnyException();
        assertThat(replies).hasSizeGreaterThan(1);
        List<String> received = replies.stream().flatMap(r -> r.options().stream()).toList();

        assertThat(bannerAtTheClient(received)).containsExactly(banner);
    }

    @Test
    void commasPercentSignsQuotesAndTabsSurviveTheTripAndNoPushedOptionHasAComma() {
        String banner = "Hello, world: 100% \"quoted\" back\\slash\t# not a comment ; nor this  two  spaces\n"
                + "\n"
                + "second paragraph, with 🙂 emoji";
        List<String> options = build(withBanner(initial(AuthMode.MUTUAL, false), banner),
                client(true, true, Optional.empty(), true));

        assertThat(options).noneMatch(o -> o.contains(","));
        assertThat(options).contains("echo \"msg\""); // the blank line inside the banner
        assertThat(bannerAtTheClient(options)).containsExactly(
                "Hello, world: 100% \"quoted\" back\\slash\t# not a comment ; nor this  two  spaces",
                "",
                "second paragraph, with 🙂 emoji");
    }
}

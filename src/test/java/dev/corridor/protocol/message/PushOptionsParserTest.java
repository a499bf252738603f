package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.logging.Secret;
import dev.corridor.profile.Routing.PullFilter;
import dev.corridor.profile.Routing.PullFilter.Action;
import dev.corridor.protocol.message.ControlMessage.PushReply;
import dev.corridor.protocol.message.PushOptions.RedirectFlag;
import dev.corridor.protocol.message.PushOptions.Route;
import dev.corridor.protocol.message.PushOptions.RouteAddress;
import dev.corridor.protocol.message.PushOptions.RouteKeyword;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PushOptionsParserTest {

    private static Ipv4Address v4(String text) {
        return Ipv4Address.parse(text).orElseThrow();
    }

    private static Ipv6Address v6(String text) {
        return Ipv6Address.parse(text).orElseThrow();
    }

    private static PushOptions accepted(PushParseResult result) {
        assertThat(result).isInstanceOf(PushParseResult.Accepted.class);
        return ((PushParseResult.Accepted) result).options();
    }

    private static PushOptions parseReply(String text, List<PullFilter> filters) {
        PushReply reply = (PushReply) ControlMessageParser.parse(text);
        assertThat(reply.continuation()).isEqualTo(PushReply.Continuation.NONE);
        return accepted(PushOptionsParser.parse(reply.options(), filters));
    }

    private static Route route(String network, String netmask) {
        return new Route(new RouteAddress.Literal(v4(network)), v4(netmask), Optional.empty(), OptionalInt.empty());
    }

    @Test
    void awsFullTunnelCaptureFromTheUserGuide() {
        // protocol.md §7.3, first capture (the auth-token value is redacted in the source, so it arrives bare)
        PushOptions options = parseReply("PUSH_REPLY,redirect-gateway def1 bypass-dhcp,dhcp-option DNS 192.168.0.2,"
                + "route-gateway 10.0.0.97,topology subnet,ping 1,ping-restart 20,auth-token,"
                + "ifconfig 10.0.0.98 255.255.255.224,peer-id 0", List.of());

        assertThat(options.routes().redirectGateway()).contains(EnumSet.of(RedirectFlag.DEF1, RedirectFlag.BYPASS_DHCP));
        assertThat(options.routes().redirectPrivate()).isEmpty();
        assertThat(options.dns().servers()).containsExactly(v4("192.168.0.2"));
        assertThat(options.routes().gateway()).contains(new PushOptions.RouteGateway(Optional.of(v4("10.0.0.97"))));
        assertThat(options.addressing().topology()).contains(PushOptions.Topology.SUBNET);
        assertThat(options.timers().ping()).hasValue(1);
        assertThat(options.timers().pingRestart()).hasValue(20);
        assertThat(options.addressing().ifconfig())
                .contains(new PushOptions.Ifconfig(v4("10.0.0.98"), v4("255.255.255.224")));
        assertThat(options.dataChannel().peerId()).hasValue(0);
        assertThat(options.session().authToken()).isEmpty();
        assertThat(options.problems()).containsExactly("auth-token [redacted]: needs one token value");
        assertThat(options.unknown()).isEmpty();
        assertThat(options.routes().ipv4()).isEmpty();
        assertThat(options.dataChannel().usesTlsEkm()).isFalse();
    }

    @Test
    void awsSplitTunnelCaptureFromAcvcOpenvpn() {
        // protocol.md §7.3, second capture
        PushOptions options = parseReply("PUSH_REPLY,dhcp-option DNS 10.0.0.2,route 10.0.0.0 255.255.0.0,"
                + "route 172.16.8.0 255.255.248.0,route-gateway 10.8.0.129,topology subnet,ping 1,ping-restart 20,"
                + "echo,echo,echo,ifconfig 10.8.0.133 255.255.255.224,peer-id 1,cipher AES-256-GCM,"
                + "protocol-flags cc-exit tls-ekm dyn-tls-crypt,tun-mtu 1500", List.of());

        assertThat(options.dns().servers()).containsExactly(v4("10.0.0.2"));
        assertThat(options.routes().ipv4()).containsExactly(route("10.0.0.0", "255.255.0.0"),
                route("172.16.8.0", "255.255.248.0"));
        assertThat(options.routes().gateway().orElseThrow().address()).contains(v4("10.8.0.129"));
        assertThat(options.routes().redirectGateway()).isEmpty();
        assertThat(options.addressing().topology()).contains(PushOptions.Topology.SUBNET);
        assertThat(options.timers().ping()).hasValue(1);
        assertThat(options.timers().pingRestart()).hasValue(20);
        assertThat(options.session().echo()).containsExactly("", "", "");
        assertThat(options.addressing().ifconfig())
                .contains(new PushOptions.Ifconfig(v4("10.8.0.133"), v4("255.255.255.224")));
        assertThat(options.dataChannel().peerId()).hasValue(1);
        assertThat(options.dataChannel().cipher()).contains("AES-256-GCM");
        assertThat(options.dataChannel().protocolFlags()).containsExactlyInAnyOrder(PushOptions.ProtocolFlag.CC_EXIT,
                PushOptions.ProtocolFlag.TLS_EKM, PushOptions.ProtocolFlag.DYN_TLS_CRYPT);
        assertThat(options.dataChannel().usesTlsEkm()).isTrue();
        assertThat(options.dataChannel().keyDerivationTlsEkm()).isFalse();
        assertThat(options.dataChannel().tunMtu()).hasValue(1500);
        assertThat(options.problems()).isEmpty();
        assertThat(options.unknown()).isEmpty();
    }

    @Test
    void authTokenIsASecretAndNeverPrinted() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of("auth-token SESS_abc123==",
                "auth-token-user Ti9B")));
        assertThat(options.session().authToken()).contains(Secret.of("SESS_abc123=="));
        assertThat(options.session().authTokenUser()).contains("N/A");
        assertThat(options.toString()).doesNotContain("SESS_abc123");
        PushOptions bad = accepted(PushOptionsParser.parse(List.of("auth-token-user !!!", "auth-token a b")));
        assertThat(bad.problems()).containsExactly("auth-token-user [redacted]: username is not base64 of UTF-8 text",
                "auth-token [redacted]: needs one token value");
    }

    @Test
    void routesWithGatewaysMetricsKeywordsAndDefaults() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of(
                "route 192.168.1.0 255.255.255.0 10.8.0.1 5",
                "route 1.2.3.4",
                "route remote_host 255.255.255.255 net_gateway",
                "route 10.0.0.0 255.0.0.0 default 100",
                "route-metric 50")));
        assertThat(options.routes().ipv4()).containsExactly(
                new Route(new RouteAddress.Literal(v4("192.168.1.0")), v4("255.255.255.0"),
                        Optional.of(new RouteAddress.Literal(v4("10.8.0.1"))), OptionalInt.of(5)),
                route("1.2.3.4", "255.255.255.255"),
                new Route(new RouteAddress.Keyword(RouteKeyword.REMOTE_HOST), v4("255.255.255.255"),
                        Optional.of(new RouteAddress.Keyword(RouteKeyword.NET_GATEWAY)), OptionalInt.empty()),
                new Route(new RouteAddress.Literal(v4("10.0.0.0")), v4("255.0.0.0"), Optional.empty(), OptionalInt.of(100)));
        assertThat(options.routes().metric()).hasValue(50);
        assertThat(options.problems()).isEmpty();
    }

    @Test
    void ipv6AddressingAndRoutes() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of(
                "ifconfig-ipv6 fd15:53b6:dead::2/64 fd15:53b6:dead::1",
                "route-ipv6 2000::/3",
                "route-ipv6 fc00::/7 fd15:53b6:dead::1 10",
                "redirect-gateway ipv6 !ipv4",
                "block-ipv6",
                "dhcp-option DNS6 2001:db8::53",
                "dhcp-option DNS fd00::53")));
        assertThat(options.addressing().ifconfigIpv6()).contains(new PushOptions.Ifconfig6(v6("fd15:53b6:dead::2"), 64,
                Optional.of(v6("fd15:53b6:dead::1"))));
        assertThat(options.routes().ipv6()).containsExactly(
                new PushOptions.Route6(v6("2000::"), 3, Optional.empty(), OptionalInt.empty()),
                new PushOptions.Route6(v6("fc00::"), 7, Optional.of(v6("fd15:53b6:dead::1")), OptionalInt.of(10)));
        assertThat(options.routes().redirectGateway()).contains(EnumSet.of(RedirectFlag.IPV6, RedirectFlag.NOT_IPV4));
        assertThat(options.addressing().blockIpv6()).isTrue();
        assertThat(options.dns().ipv6Servers()).containsExactly(v6("2001:db8::53"), v6("fd00::53"));
        assertThat(options.problems()).isEmpty();
    }

    @Test
    void dnsDomainsAndOtherDhcpOptions() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of("dhcp-option DOMAIN corp.example",
                "dhcp-option DOMAIN-SEARCH a.example", "dhcp-option DOMAIN-SEARCH b.example",
                "dhcp-option WINS 10.0.0.5", "dhcp-option DISABLE-NBT")));
        assertThat(options.dns().domains()).containsExactly("corp.example");
        assertThat(options.dns().searchDomains()).containsExactly("a.example", "b.example");
        assertThat(options.dns().other()).containsExactly(new PushOptions.DhcpOption("WINS", Optional.of("10.0.0.5")),
                new PushOptions.DhcpOption("DISABLE-NBT", Optional.empty()));
    }

    @Test
    void redirectGatewayFlagsAndTimers() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of(
                "redirect-gateway def1 block-local bypass-dns local autolocal bypass-dhcp",
                "redirect-private def1", "inactive 3600 100000", "explicit-exit-notify", "ping-exit 60",
                "key-derivation tls-ekm", "compress stub-v2", "topology net30", "route-gateway dhcp")));
        assertThat(options.routes().redirectGateway()).contains(EnumSet.of(RedirectFlag.DEF1, RedirectFlag.BLOCK_LOCAL,
                RedirectFlag.BYPASS_DNS, RedirectFlag.LOCAL, RedirectFlag.AUTOLOCAL, RedirectFlag.BYPASS_DHCP));
        assertThat(options.routes().redirectPrivate()).contains(EnumSet.of(RedirectFlag.DEF1));
        assertThat(options.timers().inactive()).contains(new PushOptions.Inactive(3600, OptionalLong.of(100000)));
        assertThat(options.timers().explicitExitNotify()).hasValue(1);
        assertThat(options.timers().pingExit()).hasValue(60);
        assertThat(options.dataChannel().keyDerivationTlsEkm()).isTrue();
        assertThat(options.dataChannel().usesTlsEkm()).isTrue();
        assertThat(options.dataChannel().compression())
                .contains(new PushOptions.Compression("compress", Optional.of("stub-v2")));
        assertThat(options.addressing().topology()).contains(PushOptions.Topology.NET30);
        assertThat(options.routes().gateway().orElseThrow().dhcp()).isTrue();
        assertThat(options.problems()).isEmpty();
    }

    @Test
    void echoKeepsItsTextForTheBanner() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of("echo Welcome to   Example Corp",
                "echo \"Use of this   system is monitored\"", "echo")));
        assertThat(options.session().echo()).containsExactly("Welcome to Example Corp",
                "Use of this   system is monitored", "");
    }

    @Test
    void malformedOptionsBecomeProblemsAndNeverExceptions() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of(
                "ifconfig 10.0.0.1", "ifconfig 10.0.0.1 bogus", "route 10.0.0.0 255.0.255.0", "route example.com",
                "route 10.1.0.0 255.0.0.0", "route-ipv6 2000::", "ping abc", "ping -1", "peer-id 16777216",
                "topology star", "redirect-gateway def1 warp", "protocol-flags cc-exit teleport",
                "key-derivation prf", "tun-mtu 0", "echo \"unterminated", "dhcp-option DNS nowhere",
                "block-ipv6 now", "cipher", "ping 10")));
        assertThat(options.problems()).containsExactly(
                "ifconfig 10.0.0.1: needs a local address and a netmask or remote address",
                "ifconfig 10.0.0.1 bogus: addresses must be IPv4 dotted quads",
                "route 10.0.0.0 255.0.255.0: netmask must be a contiguous IPv4 netmask",
                "route example.com: network must be an IPv4 address or vpn_gateway, net_gateway, remote_host",
                "route 10.1.0.0 255.0.0.0: network has bits outside the netmask (kept as pushed)",
                "route-ipv6 2000::: network must be IPv6 address/bits",
                "ping abc: must be a number from 0 to 2147483647",
                "ping -1: must be a number from 0 to 2147483647",
                "peer-id 16777216: must be a number from 0 to 16777215",
                "topology star: unknown topology star",
                "redirect-gateway def1 warp: unknown flag(s) ignored: warp",
                "protocol-flags cc-exit teleport: unknown flag(s) ignored: teleport",
                "key-derivation prf: only 'tls-ekm' is known",
                "tun-mtu 0: must be a number from 1 to 65535",
                "echo \"unterminated: no closing quotation (\") on this line",
                "dhcp-option DNS nowhere: DNS address is neither IPv4 nor IPv6",
                "block-ipv6 now: takes no arguments",
                "cipher: needs one cipher name");
        assertThat(options.timers().ping()).hasValue(10);
        assertThat(options.routes().redirectGateway()).contains(EnumSet.of(RedirectFlag.DEF1));
        assertThat(options.dataChannel().protocolFlags()).containsExactly(PushOptions.ProtocolFlag.CC_EXIT);
        assertThat(options.routes().ipv4()).containsExactly(route("10.1.0.0", "255.0.0.0"));
        assertThat(options.addressing().ifconfig()).isEmpty();
        assertThat(options.addressing().blockIpv6()).isFalse();
    }

    @Test
    void unknownOptionsAreKeptAndLaterValuesWin() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of("setenv FOO bar", "dns server 0 address 10.0.0.2",
                "ping 5", "ping 1", "  ifconfig 10.0.0.2 255.255.255.0", "", "# just a comment", "push-continuation 1")));
        assertThat(options.unknown()).containsExactly("setenv FOO bar", "dns server 0 address 10.0.0.2");
        assertThat(options.timers().ping()).hasValue(1);
        assertThat(options.addressing().ifconfig()).isPresent();
        assertThat(options.problems()).isEmpty();
    }

    @Test
    void pullFilterFirstMatchDecides() {
        List<PullFilter> filters = List.of(
                new PullFilter(Action.ACCEPT, "route 10."),
                new PullFilter(Action.IGNORE, "route "),
                new PullFilter(Action.IGNORE, "dhcp-option DNS"),
                new PullFilter(Action.REJECT, "route 10.66."));
        PushOptions options = accepted(PushOptionsParser.parse(List.of("route 10.0.0.0 255.0.0.0",
                "route 172.16.0.0 255.240.0.0", "route 10.66.0.0 255.255.0.0", "dhcp-option DNS 10.0.0.2",
                "dhcp-option DOMAIN corp.example", " route 192.168.0.0 255.255.0.0"), filters));
        assertThat(options.routes().ipv4()).containsExactly(route("10.0.0.0", "255.0.0.0"), route("10.66.0.0", "255.255.0.0"));
        assertThat(options.ignoredByFilter()).containsExactly("route 172.16.0.0 255.240.0.0",
                "dhcp-option DNS 10.0.0.2", "route 192.168.0.0 255.255.0.0");
        assertThat(options.dns().servers()).isEmpty();
        assertThat(options.dns().domains()).containsExactly("corp.example");
    }

    @Test
    void pullFilterRejectStopsTheWholePush() {
        List<PullFilter> filters = List.of(new PullFilter(Action.ACCEPT, "route 10."),
                new PullFilter(Action.REJECT, "redirect-gateway"));
        PushParseResult result = PushOptionsParser.parse(List.of("route 10.0.0.0 255.0.0.0",
                "redirect-gateway def1 bypass-dhcp", "ping 1"), filters);
        assertThat(result).isEqualTo(new PushParseResult.Rejected("redirect-gateway def1 bypass-dhcp", "redirect-gateway"));
        assertThat(((PushParseResult.Rejected) result).reason())
                .isEqualTo("pushed option 'redirect-gateway def1 bypass-dhcp' rejected by pull-filter \"redirect-gateway\"");
        PushParseResult token = PushOptionsParser.parse(List.of("auth-token xyz"),
                List.of(new PullFilter(Action.REJECT, "auth-token")));
        assertThat(((PushParseResult.Rejected) token).option()).isEqualTo("auth-token [redacted]");
    }

    @Test
    void pullFilterIgnoreOfTheAuthTokenHidesItsValue() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of("auth-token secret-value"),
                List.of(new PullFilter(Action.IGNORE, "auth-token"))));
        assertThat(options.session().authToken()).isEmpty();
        assertThat(options.ignoredByFilter()).containsExactly("auth-token [redacted]");
    }

    @Test
    void redirectGatewayWithoutFlagsIsPresentButEmpty() {
        PushOptions options = accepted(PushOptionsParser.parse(List.of("redirect-gateway")));
        assertThat(options.routes().redirectGateway()).contains(Set.of());
    }
}

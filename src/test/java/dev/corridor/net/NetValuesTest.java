package dev.corridor.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prefixes, address text, redirect-gateway flags and the request builder, including their error messages. */
class NetValuesTest {
    @ParameterizedTest
    @CsvSource({
            "10.1.2.3/8, 10.0.0.0/8",
            "10.0.0.0/255.255.0.0, 10.0.0.0/16",
            "192.168.1.7, 192.168.1.7/32",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:DB8:0:0:1::1/64, 2001:db8:0:0::/64",
            "2000::/3, 2000::/3",
            "fe80::1, fe80::1/128"})
    void prefixesAreParsedAndNormalised(String text, String expected) {
        assertThat(IpPrefix.parse(text).toString()).isEqualTo(expected.replace("2001:db8:0:0::/64", "2001:db8::/64"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/33           | prefix length 33 is out of range 0..32 for 10.0.0.0",
            "10.0.0.0/255.0.255.0  | netmask 255.0.255.0 is not contiguous",
            "10.0.0.0/x            | not a prefix length in '10.0.0.0/x': 'x'",
            "vpn.example.com/24    | not an IP address: 'vpn.example.com'",
            "300.1.1.1             | not an IP address: '300.1.1.1'"})
    void badPrefixesSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void prefixArithmetic() {
        IpPrefix lan = IpPrefix.parse("192.168.1.0/24");

        assertThat(lan.halves()).extracting(IpPrefix::toString).containsExactly("192.168.1.0/25", "192.168.1.128/25");
        assertThat(IpPrefix.parse("0.0.0.0/0").halves()).extracting(IpPrefix::toString)
                .containsExactly("0.0.0.0/1", "128.0.0.0/1");
        assertThat(IpPrefix.parse("::/0").halves()).extracting(IpPrefix::toString).containsExactly("::/1", "8000::/1");
        assertThat(lan.contains(Addresses.parse("192.168.1.200"))).isTrue();
        assertThat(lan.contains(Addresses.parse("192.168.2.1"))).isFalse();
        assertThat(lan.contains(Addresses.parse("::1"))).isFalse();
        assertThat(lan.netmask()).isEqualTo(Addresses.parse("255.255.255.0"));
        assertThat(IpPrefix.parse("fc00::/7").contains(Addresses.parse("fd12::1"))).isTrue();
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.1/32").halves()).hasMessageContaining("is a host");
    }

    @ParameterizedTest
    @CsvSource({"::, ::", "::1, ::1", "2001:db8:0:0:0:0:2:1, 2001:db8::2:1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1", "FE80:0:0:0:0:0:0:1, fe80::1", "10.1.2.3, 10.1.2.3"})
    void addressesAreWrittenInShortForm(String text, String expected) {
        assertThat(Addresses.format(Addresses.parse(text))).isEqualTo(expected);
    }

    @Test
    void redirectGatewayFlagsAreReadAsOpenvpnDefinesThem() {
        RedirectGateway flags = RedirectGateway.parse(List.of("def1", "bypass-dhcp", "block-local", "ipv6", "!ipv4"));

        assertThat(flags).isEqualTo(new RedirectGateway(true, true, false, true, true, false, true, false));
        assertThat(flags.redirectsIpv4()).isFalse();
        assertThat(flags.redirectsIpv6()).isTrue();
        assertThat(RedirectGateway.parse(List.of())).isEqualTo(RedirectGateway.NONE);
        assertThat(RedirectGateway.parse(List.of("autolocal")).redirectsIpv4()).isTrue();
        assertThatThrownBy(() -> RedirectGateway.parse(List.of("def1", "def2")))
                .hasMessage("unknown redirect-gateway flag(s): def2");
    }

    @Test
    void theBuilderTakesTheStringsTheClientHolds() {
        // shaped like client.TunnelSettings: routes "network/netmask", ipv6 "addr/bits", redirect words
        TunnelNetworkRequest request = TunnelNetworkRequest.builder("tun0", 1500)
                .ipv4("10.200.0.6", "10.200.0.5", "net30", Optional.of("10.200.0.5"))
                .ipv6(Optional.of("fd15:53b6:dead::2/64"))
                .routes(List.of("10.100.0.0/255.255.0.0"))
                .routesIpv6(List.of("2000::/3"))
                .redirectGateway(List.of("def1", "bypass-dhcp"))
                .dnsServers(List.of("10.100.0.2", "fd15:53b6:dead::53"))
                .searchDomains(List.of("corp.example"))
                .serverAddresses(List.of(Addresses.parse("198.51.100.7")))
                .ipv6LeakGuard(Ipv6LeakGuard.parse("always"))
                .build();

        assertThat(request.ipv4().orElseThrow().interfaceAddress()).hasToString("10.200.0.6/32");
        assertThat(request.ipv4().orElseThrow().gateway()).contains(Addresses.parse("10.200.0.5"));
        assertThat(request.ipv6()).contains(InterfaceAddress.parse("fd15:53b6:dead::2/64"));
        assertThat(request.carriesIpv6()).isTrue();
        assertThat(request.routes()).extracting(r -> r.destination().toString()).containsExactly("10.100.0.0/16");
        assertThat(request.redirectGateway().bypassDhcp()).isTrue();
    }

    @Test
    void aNet30TunnelWithoutRouteGatewayUsesThePeer() {
        TunnelNetworkRequest request = TunnelNetworkRequest.builder("tun0", 1500)
                .ipv4("10.8.0.6", "10.8.0.5", "net30", Optional.empty()).build();

        assertThat(request.ipv4().orElseThrow().gateway()).contains(Addresses.parse("10.8.0.5"));
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TunnelNetworkRequest.builder("tun0", 100).build())
                .hasMessage("MTU 100 is out of range 576..65535");
        assertThatThrownBy(() -> TunnelNetworkRequest.builder("tun0;rm", 1500).build())
                .hasMessage("not a usable interface name: 'tun0;rm'");
        assertThatThrownBy(() -> TunnelNetworkRequest.builder("tun0", 1500).ipv4("10.8.0.2", "255.255.255.0",
                "star", Optional.empty())).hasMessageContaining("unknown topology 'star'");
        assertThatThrownBy(() -> TunnelNetworkRequest.builder("tun0", 1500).ipv4("10.8.0.2", "255.0.255.0",
                "subnet", Optional.empty())).hasMessage("netmask 255.0.255.0 is not contiguous");
        assertThatThrownBy(() -> TunnelNetworkRequest.builder("tun0", 1500).searchDomains(List.of("a b")).build())
                .hasMessage("not a usable search domain: 'a b'");
        assertThatThrownBy(() -> TunnelNetworkRequest.builder("tun0", 1500).routes(List.of("2001:db8::/32")).build())
                .hasMessage("IPv6 network in the IPv4 routes: 2001:db8::/32");
        assertThatThrownBy(() -> Ipv6LeakGuard.parse("sometimes"))
                .hasMessage("unknown IPv6 leak guard setting 'sometimes' (expected auto, always or never)");
    }
}

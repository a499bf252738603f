package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.server.config.Audience;
import dev.corridor.server.config.AuthorizationRule;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.server.config.Route;
import dev.corridor.tun.packet.IcmpEcho;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The endpoint server's small parts: address pool, authorization rules, SCRV1, cipher choice, virtual network. */
class EndpointServerPartsTest {

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text).orElseThrow();
    }

    private static Ipv4Cidr cidr(String text) {
        return Ipv4Cidr.parse(text).orElseThrow();
    }

    @Test
    void theSessionsSecondsLeftArePushedAsSetenvSafeOnlyWhenKnown() {
        var config = ServerInitializer.endpointConfig("cvpn-endpoint-0123456789abcdef0", new InitOptions(AuthMode.MUTUAL,
                dev.corridor.server.config.TransportProtocol.UDP, 443, false, "127.0.0.1"));
        AddressPool pool = new AddressPool(config.clientCidr());
        var known = new PushedSettings.ForClient(ip("10.200.0.2"), 0, "AES-256-GCM", true, true,
                java.util.Optional.empty(), true, java.util.OptionalLong.of(86399));
        assertThat(PushedSettings.build(config, pool, known))
                .contains("setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 86399");
        var unknown = new PushedSettings.ForClient(ip("10.200.0.2"), 0, "AES-256-GCM", true, true,
                java.util.Optional.empty(), true, java.util.OptionalLong.empty());
        assertThat(PushedSettings.build(config, pool, unknown)).noneMatch(o -> o.startsWith("setenv-safe"));
    }

    @Test
    void thePoolGivesTheServerTheFirstAddressAndClientsTheRestThenRunsOut() {
        AddressPool pool = new AddressPool(cidr("10.200.0.0/30"));
        assertThat(pool.serverAddress()).isEqualTo(ip("10.200.0.1"));
        assertThat(pool.netmask()).isEqualTo("255.255.255.252");
        assertThat(pool.lease()).contains(ip("10.200.0.2"));
        assertThat(pool.lease()).isEmpty();
        pool.release(ip("10.200.0.2"));
        assertThat(pool.lease()).contains(ip("10.200.0.2"));
    }

    @Test
    void aLargePoolHandsOutDistinctAddressesAndReusesReleasedOnes() {
        AddressPool pool = new AddressPool(cidr("10.200.0.0/22"));
        List<Ipv4Address> leased = new ArrayList<>();
        for (int i = 0; i < 1021; i++) {
            leased.add(pool.lease().orElseThrow());
        }
        assertThat(leased).doesNotHaveDuplicates().doesNotContain(ip("10.200.0.1"), ip("10.200.3.255"));
        assertThat(leased.get(leased.size() - 1)).isEqualTo(ip("10.200.3.254"));
        assertThat(pool.lease()).isEmpty();
        pool.release(ip("10.200.1.7"));
        assertThat(pool.lease()).contains(ip("10.200.1.7"));
        assertThat(pool.leasedCount()).isEqualTo(1021);
    }

    @Test
    void theMostSpecificRuleDecidesAndTheDefaultRouteRuleComesLast() {
        AccessPolicy policy = new AccessPolicy(List.of(
                new AuthorizationRule(cidr("0.0.0.0/0"), new Audience.AllUsers(), "internet"),
                new AuthorizationRule(cidr("10.100.0.0/16"), new Audience.Group("engineering"), "private"),
                new AuthorizationRule(cidr("10.100.5.0/24"), new Audience.Group("finance"), "finance"),
                new AuthorizationRule(cidr("10.100.5.0/24"), new Audience.Group("audit"), "audit")));
        assertThat(policy.allows(ip("8.8.8.8"), List.of())).isTrue();
        assertThat(policy.allows(ip("10.100.1.1"), List.of("engineering"))).isTrue();
        assertThat(policy.allows(ip("10.100.1.1"), List.of())).isFalse();
        assertThat(policy.allows(ip("10.100.5.1"), List.of("engineering"))).isFalse();
        assertThat(policy.allows(ip("10.100.5.1"), List.of("finance"))).isTrue();
        assertThat(policy.allows(ip("10.100.5.1"), List.of("audit"))).isTrue();
        assertThat(new AccessPolicy(List.of()).allows(ip("10.0.0.1"), List.of("x"))).isFalse();
    }

    @Test
    void scrv1IsSplitIntoPasswordAndCode() {
        String field = "SCRV1:" + b64("pa:ss wörd") + ":" + b64("123456");
        StaticChallengeAnswer answer = StaticChallengeAnswer.parse(field.toCharArray()).orElseThrow();
        assertThat(new String(answer.password())).isEqualTo("pa:ss wörd");
        assertThat(answer.answer()).contains("123456");
        assertThat(answer.toString()).doesNotContain("123456", "pa:ss");
        answer.wipe();
        assertThat(new String(answer.password())).isEqualTo("\0".repeat(10));

        StaticChallengeAnswer plain = StaticChallengeAnswer.parse("just-a-password".toCharArray()).orElseThrow();
        assertThat(new String(plain.password())).isEqualTo("just-a-password");
        assertThat(plain.answer()).isEmpty();

        assertThat(StaticChallengeAnswer.parse("SCRV1:nocolon".toCharArray())).isEmpty();
        assertThat(StaticChallengeAnswer.parse("SCRV1:!!!:MTIz".toCharArray())).isEmpty();
        assertThat(StaticChallengeAnswer.parse(("SCRV1:" + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff})
                + ":MTIz").toCharArray())).isEmpty();
    }

    @Property
    void scrv1ParsingNeverThrows(@ForAll String field) {
        StaticChallengeAnswer.parse(field.toCharArray());
        StaticChallengeAnswer.parse(("SCRV1:" + field).toCharArray());
    }

    @Test
    void theBestCommonCipherIsChosen() {
        assertThat(PushedSettings.chooseCipher(List.of("AES-128-GCM", "aes-256-gcm"))).contains("AES-256-GCM");
        assertThat(PushedSettings.chooseCipher(List.of("CHACHA20-POLY1305"))).contains("CHACHA20-POLY1305");
        assertThat(PushedSettings.chooseCipher(List.of("AES-256-CBC"))).isEmpty();
        assertThat(PushedSettings.chooseCipher(List.of())).isEmpty();
    }

    @Test
    void theVirtualNetworkAnswersTheServerAndAuthorizedRoutesOnly() throws Exception {
        AccessPolicy policy = new AccessPolicy(List.of(
                new AuthorizationRule(cidr("10.100.0.0/16"), new Audience.Group("engineering"), "private")));
        VirtualNetwork network = new VirtualNetwork(ip("10.200.0.1"),
                List.of(new Route(cidr("10.100.0.0/16"), "local", "private")), policy);
        Ipv4Address client = ip("10.200.0.2");

        byte[] toServer = echo("10.200.0.2", "10.200.0.1");
        assertThat(network.handle(toServer, toServer.length, client, List.of())).isEqualTo(PacketVerdict.ANSWERED);
        assertThat(IcmpEcho.parseReply(toServer)).isPresent();

        byte[] routed = echo("10.200.0.2", "10.100.3.4");
        assertThat(network.handle(routed.clone(), routed.length, client, List.of()))
                .isEqualTo(PacketVerdict.UNAUTHORIZED);
        assertThat(network.handle(routed, routed.length, client, List.of("engineering")))
                .isEqualTo(PacketVerdict.ANSWERED);

        byte[] spoofed = echo("10.200.0.9", "10.200.0.1");
        assertThat(network.handle(spoofed, spoofed.length, client, List.of()))
                .isEqualTo(PacketVerdict.SPOOFED_OR_MALFORMED);
        assertThat(network.handle(new byte[] {0x45, 0}, 2, client, List.of()))
                .isEqualTo(PacketVerdict.SPOOFED_OR_MALFORMED);
        byte[] elsewhere = echo("10.200.0.2", "192.0.2.1");
        assertThat(network.handle(elsewhere, elsewhere.length, client, List.of("engineering")))
                .isEqualTo(PacketVerdict.UNAUTHORIZED);
    }

    @Property
    void theVirtualNetworkNeverThrows(@ForAll byte[] packet) {
        new VirtualNetwork(ip("10.200.0.1"), List.of(), new AccessPolicy(List.of()))
                .handle(packet, packet.length, ip("10.200.0.2"), List.of());
    }

    private static byte[] echo(String source, String destination) throws Exception {
        return IcmpEcho.request((Inet4Address) InetAddress.getByName(source),
                (Inet4Address) InetAddress.getByName(destination), 7, 1, 16);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

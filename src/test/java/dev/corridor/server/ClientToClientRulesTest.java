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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Client-to-client is still subject to the authorization rules, in both networks behind the endpoint:
 * with the switch on but rules only for 10.100.0.0/16, a packet for another client's address is
 * unauthorized (the server counts and drops it); a rule for the client CIDR lets it through.
 */
class ClientToClientRulesTest {
    private static final Ipv4Cidr CLIENT_CIDR = cidr("10.200.0.0/22");
    private static final Ipv4Address SERVER = ip("10.200.0.1");
    private static final Ipv4Address ALICE = ip("10.200.0.2");
    private static final AccessPolicy PRIVATE_ONLY = new AccessPolicy(List.of(
            new AuthorizationRule(cidr("10.100.0.0/16"), new Audience.AllUsers(), "private network")));
    private static final AccessPolicy PRIVATE_AND_CLIENTS = new AccessPolicy(List.of(
            new AuthorizationRule(cidr("10.100.0.0/16"), new Audience.AllUsers(), "private network"),
            new AuthorizationRule(CLIENT_CIDR, new Audience.AllUsers(), "other clients")));

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text).orElseThrow();
    }

    private static Ipv4Cidr cidr(String text) {
        return Ipv4Cidr.parse(text).orElseThrow();
    }

    private static byte[] echo(String source, String destination) throws Exception {
        return IcmpEcho.request((Inet4Address) InetAddress.getByName(source),
                (Inet4Address) InetAddress.getByName(destination), 9, 1, 32);
    }

    private static VirtualNetwork virtual(AccessPolicy policy) {
        return new VirtualNetwork(SERVER, List.of(new Route(cidr("10.100.0.0/16"), "local", "private")), policy,
                Optional.of(CLIENT_CIDR), List.of());
    }

    @Test
    void theVirtualNetworkDropsAPacketForAnotherClientWhenNoRuleCoversTheClientCidr() throws Exception {
        byte[] toBob = echo("10.200.0.2", "10.200.0.3");
        byte[] sent = toBob.clone();

        assertThat(virtual(PRIVATE_ONLY).handle(toBob, toBob.length, ALICE, List.of()))
                .isEqualTo(PacketVerdict.UNAUTHORIZED);
        assertThat(toBob).isEqualTo(sent); // not answered in place either

        byte[] routed = echo("10.200.0.2", "10.100.0.5");
        assertThat(virtual(PRIVATE_ONLY).handle(routed, routed.length, ALICE, List.of()))
                .isEqualTo(PacketVerdict.ANSWERED);
    }

    @Test
    void theVirtualNetworkHandsThePacketToTheOtherClientWhenARuleCoversIt() throws Exception {
        byte[] toBob = echo("10.200.0.2", "10.200.0.3");
        assertThat(virtual(PRIVATE_AND_CLIENTS).handle(toBob, toBob.length, ALICE, List.of()))
                .isEqualTo(PacketVerdict.TO_CLIENT);
        VirtualNetwork off = new VirtualNetwork(SERVER, List.of(), PRIVATE_AND_CLIENTS, Optional.empty(), List.of());
        assertThat(off.handle(toBob, toBob.length, ALICE, List.of())).isEqualTo(PacketVerdict.NOT_SERVED);
    }

    @Test
    void theTunNetworkNeitherForwardsNorDeliversAPacketForAnotherClientWithoutARule() throws Exception {
        List<byte[]> written = new ArrayList<>();
        TunNetwork.Kernel kernel = (packet, length) -> written.add(java.util.Arrays.copyOf(packet, length));
        TunNetwork privateOnly = new TunNetwork(kernel, SERVER, PRIVATE_ONLY, CLIENT_CIDR, true);

        byte[] toBob = echo("10.200.0.2", "10.200.0.3");
        assertThat(privateOnly.handle(toBob, toBob.length, ALICE, List.of())).isEqualTo(PacketVerdict.UNAUTHORIZED);
        assertThat(written).isEmpty();

        TunNetwork withRule = new TunNetwork(kernel, SERVER, PRIVATE_AND_CLIENTS, CLIENT_CIDR, true);
        assertThat(withRule.handle(toBob, toBob.length, ALICE, List.of())).isEqualTo(PacketVerdict.TO_CLIENT);
        assertThat(written).isEmpty(); // the server seals it to Bob; the kernel never sees it

        byte[] routed = echo("10.200.0.2", "10.100.0.5");
        assertThat(privateOnly.handle(routed, routed.length, ALICE, List.of())).isEqualTo(PacketVerdict.FORWARDED);
        assertThat(written).containsExactly(routed);
    }
}

package dev.corridor.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The root demo lab's layout and its check against this machine's routes (no root: parsing only). */
class DemoLabTest {
    private static final String HOST_ROUTES = """
            default via 192.0.2.1 dev eth0
            192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2
            198.18.7.0/30 dev ci7h proto kernel scope link src 198.18.7.1
            local 192.0.2.2 dev eth0 table local proto kernel scope host src 192.0.2.2
            broadcast 192.0.2.255 dev eth0 table local proto kernel scope link src 192.0.2.2
            local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1
            """;

    @Test
    void aMachineWithoutTheLabsNetworksHasNoClash() {
        assertThat(DemoLab.clash(HOST_ROUTES, LabLayout.STANDARD.networksUsed())).isEmpty();
    }

    @Test
    void aRouteInsideOrAroundALabNetworkIsNamed() {
        assertThat(DemoLab.clash(HOST_ROUTES + "10.100.3.0/24 via 192.0.2.9 dev eth0\n",
                LabLayout.STANDARD.networksUsed())).contains("10.100.3.0/24 via 192.0.2.9 dev eth0");
        assertThat(DemoLab.clash(HOST_ROUTES + "10.0.0.0/8 dev wg0 scope link\n", LabLayout.STANDARD.networksUsed()))
                .contains("10.0.0.0/8 dev wg0 scope link");
        assertThat(DemoLab.clash(HOST_ROUTES + "local 198.18.253.1 dev x table local proto kernel scope host\n",
                LabLayout.STANDARD.networksUsed())).isPresent();
        assertThat(DemoLab.clash(HOST_ROUTES + "unreachable 10.200.9.0/24\n", LabLayout.STANDARD.networksUsed()))
                .isEqualTo(Optional.of("unreachable 10.200.9.0/24"));
    }

    @Test
    void theLayoutNamesFitTheKernelAndEachEndpointHasItsOwnClientCidr() {
        LabLayout lab = new LabLayout("cdemo-it-", 252);
        assertThat(lab.serverNamespace()).isEqualTo("cdemo-it-srv");
        assertThat(lab.tunName(DemoMode.SAML)).isEqualTo("cdemo-it-t2").hasSizeLessThanOrEqualTo(15);
        assertThat(lab.hostAddress()).isEqualTo("198.18.252.1");
        assertThat(lab.serverAddress()).isEqualTo("198.18.252.2");
        assertThat(lab.link()).hasToString("198.18.252.0/30");
        assertThat(lab.clientCidr(DemoMode.CERTIFICATE)).isEqualTo("10.200.0.0/22");
        assertThat(lab.clientCidr(DemoMode.DIRECTORY_MFA)).isEqualTo("10.200.4.0/22");
        assertThat(lab.clientCidr(DemoMode.SAML)).isEqualTo("10.200.8.0/22");
        assertThat(LabLayout.CLIENT_NETWORKS.contains(dev.corridor.net.IpPrefix.parse(lab.clientCidr(DemoMode.SAML))))
                .isTrue();
        assertThatThrownBy(() -> new LabLayout("a-much-too-long-", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

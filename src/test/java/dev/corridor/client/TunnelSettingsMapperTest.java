package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.protocol.message.PushOptions;
import dev.corridor.protocol.message.PushOptionsParser;
import dev.corridor.protocol.message.PushParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the client takes from the server's push and what from the profile, for the TUN device and routes. */
class TunnelSettingsMapperTest {
    /** An exported AWS profile (mutual authentication); the tests append their own lines to it. */
    private static final String PROFILE = read(Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn"));
    private static final List<String> SUBNET_PUSH = List.of("topology subnet", "ifconfig 10.77.0.2 255.255.255.0",
            "route-gateway 10.77.0.1", "route 10.100.0.0 255.255.0.0", "dhcp-option DNS 10.100.0.10",
            "dhcp-option DOMAIN corridor.test", "ping 10", "ping-restart 60", "peer-id 3");

    @Test
    void aPushedTunMtuWinsOverTheProfiles() {
        TunnelSettings settings = map(plus(SUBNET_PUSH, "tun-mtu 1400"), PROFILE + "tun-mtu 1300\n");

        assertThat(settings.tunMtu()).isEqualTo(1400);
    }

    @Test
    void theProfilesTunMtuIsUsedWhenTheServerPushesNone() {
        TunnelSettings settings = map(SUBNET_PUSH, PROFILE + "tun-mtu 1300\n");

        assertThat(settings.tunMtu()).isEqualTo(1300);
    }

    @Test
    void withoutEitherTheTunDeviceGetsOpenVpnsDefault1500() {
        assertThat(map(SUBNET_PUSH, PROFILE).tunMtu()).isEqualTo(1500);
    }

    @Test
    void subnetTopologyTakesTheGatewayFromRouteGateway() {
        TunnelSettings settings = map(SUBNET_PUSH, PROFILE);

        assertThat(settings.topology()).isEqualTo("subnet");
        assertThat(settings.ipv4Address()).isEqualTo("10.77.0.2");
        assertThat(settings.ipv4Netmask()).isEqualTo("255.255.255.0");
        assertThat(settings.gateway()).contains("10.77.0.1");
        assertThat(settings.routes()).containsExactly("10.100.0.0/255.255.0.0");
        assertThat(settings.dnsServers()).containsExactly("10.100.0.10");
        assertThat(settings.searchDomains()).containsExactly("corridor.test");
        assertThat(settings.peerId()).hasValue(3);
        assertThat(settings.pingSeconds()).isEqualTo(10);
        assertThat(settings.pingRestartSeconds()).isEqualTo(60);
    }

    @Test
    void net30WithoutRouteGatewayUsesTheRemoteEndOfIfconfigAsGateway() {
        TunnelSettings settings = map(List.of("ifconfig 10.8.0.6 10.8.0.5", "route 10.100.0.0 255.255.0.0"), PROFILE);

        assertThat(settings.topology()).isEqualTo("net30");
        assertThat(settings.gateway()).contains("10.8.0.5");
    }

    @Test
    void withoutPushedTimersTheProfilesAndThenOpenVpnsDefaultsApply() {
        List<String> push = List.of("topology subnet", "ifconfig 10.77.0.2 255.255.255.0", "route-gateway 10.77.0.1");

        assertThat(map(push, PROFILE + "ping 15\nping-restart 90\n"))
                .extracting(TunnelSettings::pingSeconds, TunnelSettings::pingRestartSeconds).containsExactly(15, 90);
        assertThat(map(push, PROFILE).pingRestartSeconds()).isEqualTo(TunnelSettingsMapper.DEFAULT_PING_RESTART);
    }

    @Test
    void theAuthTokenIsHiddenInTheOptionsShownToTheUser() {
        TunnelSettings settings = map(plus(SUBNET_PUSH, "auth-token SESS_ID_secret-token-value"), PROFILE);

        assertThat(settings.pushedOptions()).contains("auth-token [redacted]")
                .noneMatch(option -> option.contains("secret-token-value"));
    }

    @Test
    void aPushWithoutIfconfigIsRefusedWithItsReason() {
        assertThatThrownBy(() -> map(List.of("route 10.100.0.0 255.255.0.0"), PROFILE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ifconfig");
    }

    private static TunnelSettings map(List<String> options, String profileText) {
        PushParseResult parsed = PushOptionsParser.parse(options);
        assertThat(parsed).isInstanceOf(PushParseResult.Accepted.class);
        PushOptions push = ((PushParseResult.Accepted) parsed).options();
        return TunnelSettingsMapper.map(push, options, profile(profileText), "AES-256-GCM", "tls-ekm",
                Instant.parse("2026-11-29T08:00:00Z"));
    }

    private static Profile profile(String text) {
        var parsed = ProfileParser.standard().parse("mapper", text.getBytes(StandardCharsets.UTF_8),
                ReferencedFiles.inFolder(Path.of(".")));
        return parsed.profile().orElseThrow(() -> new AssertionError(parsed.diagnostics().toString()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).stripTrailing() + "\n";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> plus(List<String> options, String option) {
        List<String> all = new java.util.ArrayList<>(options);
        all.add(option);
        return all;
    }
}

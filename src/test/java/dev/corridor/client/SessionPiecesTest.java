package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.Credentials;
import dev.corridor.auth.CredentialsSource;
import dev.corridor.platform.CorridorVersion;
import dev.corridor.profile.DirectiveCatalogue;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.profile.StaticChallenge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Peer info, credentials fields and check defaults: the small pieces the engine sends and decides. */
class SessionPiecesTest {
    private static Profile profile(String fixture) throws Exception {
        Path file = Path.of("src/test/resources/profiles/valid/" + fixture);
        return new ProfileParser(DirectiveCatalogue.forPlatform(DirectiveCatalogue.PlatformKind.LINUX),
                Clock.systemUTC()).parse(fixture, Files.readAllBytes(file), ReferencedFiles.NONE).profile()
                .orElseThrow();
    }

    private static ConnectOptions options() {
        CredentialsSource none = new CredentialsSource() {
            @Override
            public Optional<Credentials> credentials(String name, Optional<StaticChallenge> c, boolean retry) {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> challengeResponse(String text, boolean echo) {
                return Optional.empty();
            }
        };
        return new ConnectOptions(none, new InMemoryTunProvider(), 1, Duration.ofSeconds(5), "6.1.0",
                Clock.systemUTC(), new SecureRandom());
    }

    private static Map<String, String> peerInfo(Profile profile) {
        return SessionFactory.peerInfo(profile, options()).lines()
                .map(line -> line.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    @Test
    void peerInfoAdvertisesExactlyWhatIsImplemented() throws Exception {
        Map<String, String> info = peerInfo(profile("aws-mutual.ovpn"));

        assertThat(info).containsEntry("IV_PROTO", "414") // 2 + 4 + 8 + 16 + 128 + 256
                .containsEntry("IV_GUI_VER", "Corridor_" + CorridorVersion.version())
                .containsEntry("IV_VER", "2.6-corridor-" + CorridorVersion.version())
                .containsEntry("IV_PLAT_VER", "6.1.0")
                .containsEntry("IV_CIPHERS", "AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305")
                .containsEntry("IV_NCP", "2").containsEntry("IV_TCPNL", "1").containsEntry("IV_MTU", "1600")
                .containsKey("IV_PLAT")
                .doesNotContainKey("IV_SSO");
    }

    @Test
    void passwordProfilesOfferChallengeText() throws Exception {
        assertThat(peerInfo(profile("aws-directory-mfa.ovpn"))).containsEntry("IV_SSO", "crtext");
    }

    @Test
    void staticChallengeAnswerIsJoinedIntoThePasswordField() {
        SessionCredentials credentials = new SessionCredentials();
        credentials.set(new Credentials("alice", "hunter2".toCharArray(), Optional.of("123456".toCharArray())),
                Optional.of(new StaticChallenge("Enter MFA code ", true, StaticChallenge.Format.SCRV1)));

        SessionCredentials.UserPass sent = credentials.current().orElseThrow();
        assertThat(sent.username()).isEqualTo("alice");
        assertThat(new String(sent.password())).isEqualTo("SCRV1:aHVudGVyMg==:MTIzNDU2");
        assertThat(sent.toString()).doesNotContain("SCRV1", "hunter2");
    }

    @Test
    void aCrv1AnswerIsSentOnceThenThePasswordAgain() {
        SessionCredentials credentials = new SessionCredentials();
        credentials.set(new Credentials("alice", "pw".toCharArray(), Optional.empty()), Optional.empty());
        credentials.answerChallenge("alice", "state/1/abc", "42".toCharArray());

        assertThat(new String(credentials.current().orElseThrow().password())).isEqualTo("CRV1::state/1/abc::42");
        assertThat(new String(credentials.current().orElseThrow().password())).isEqualTo("pw");
    }

    @Test
    void checkPingsTheGatewayOrTheFirstHostOfTheSubnet() {
        TunnelSettings withGateway = settings("10.8.0.6", "255.255.255.0", Optional.of("10.8.0.1"));
        TunnelSettings withoutGateway = settings("10.8.0.6", "255.255.255.0", Optional.empty());

        assertThat(ConnectivityCheck.defaultTarget(withGateway)).isEqualTo("10.8.0.1");
        assertThat(ConnectivityCheck.defaultTarget(withoutGateway)).isEqualTo("10.8.0.1");
    }

    @Test
    void ipLiteralsAreNeverRandomised() throws Exception {
        assertThat(RemoteResolver.isLiteral("192.0.2.1")).isTrue();
        assertThat(RemoteResolver.isLiteral("2001:db8::1")).isTrue();
        assertThat(RemoteResolver.isLiteral("vpn.example.test")).isFalse();
        var remote = new dev.corridor.profile.Remote("127.0.0.1", 443, dev.corridor.profile.Transport.UDP,
                dev.corridor.profile.Transport.Family.ANY, 1);
        assertThat(RemoteResolver.resolve(remote, true, new SecureRandom()).getHostString()).isEqualTo("127.0.0.1");
    }

    private static TunnelSettings settings(String address, String netmask, Optional<String> gateway) {
        return new TunnelSettings(address, netmask, "subnet", gateway, Optional.empty(), List.of(), List.of(),
                List.of(), List.of(), List.of(), "AES-256-GCM", "prf", OptionalInt.empty(), 10, 60, 1500, List.of(),
                List.of(), Optional.empty());
    }
}

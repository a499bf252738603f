package dev.corridor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.profile.DataChannelSettings.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The valid fixtures parse into the profile values their directives describe. */
class ValidFixturesTest {

    static Stream<Path> validFixtures() throws IOException {
        return Stream.concat(Files.list(Fixtures.folder().resolve("valid")),
                Files.list(Fixtures.folder().resolve("valid/community-files")))
                .filter(p -> p.toString().endsWith(".ovpn")).sorted();
    }

    private static Profile usable(Path file) {
        ParseResult result = Fixtures.parse(file);
        assertThat(result.errors()).as("errors in %s", file.getFileName()).isEmpty();
        return result.profile().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("validFixtures")
    void everyValidFixtureIsUsableAndItsStoredTextParsesAgainSelfContained(Path file) {
        ParseResult first = Fixtures.parse(file);
        assertThat(first.errors()).isEmpty();
        String stored = first.storableText().orElseThrow();

        ParseResult again = Fixtures.parseText(stored);

        assertThat(again.errors()).as("stored text of %s", file.getFileName()).isEmpty();
        assertThat(again.profile().orElseThrow().remotes()).extracting(Remote::display)
                .isEqualTo(first.profile().orElseThrow().remotes().stream().map(Remote::display).toList());
        assertThat(again.profile().get().tls().ca()).isEqualTo(first.profile().get().tls().ca());
    }

    @Test
    void awsMutualProfile() {
        Profile p = usable(Fixtures.valid("aws-mutual.ovpn"));

        assertThat(p.remotes()).singleElement().satisfies(r -> {
            assertThat(r.host()).isEqualTo("cvpn-endpoint-0123456789abcdef0.prod.clientvpn.us-east-1.amazonaws.com");
            assertThat(r.port()).isEqualTo(443);
            assertThat(r.transport()).isEqualTo(Transport.UDP);
            assertThat(r.line()).isEqualTo(4);
        });
        assertThat(p.remoteSelection().randomHostname()).isTrue();
        assertThat(p.remoteSelection().resolvRetrySeconds()).isEmpty();
        assertThat(p.authentication().certificate()).isTrue();
        assertThat(p.authentication().userPass()).isFalse();
        assertThat(p.authentication().summary()).isEqualTo("certificate");
        assertThat(p.tls().remoteCertTlsServer()).isTrue();
        assertThat(p.tls().cert()).hasValueSatisfying(c -> assertThat(c).contains("BEGIN CERTIFICATE"));
        assertThat(p.tls().key()).hasValueSatisfying(k -> assertThat(k).contains("BEGIN PRIVATE KEY"));
        assertThat(p.dataChannel().fallbackCipher()).contains("AES-256-GCM");
        assertThat(p.dataChannel().dataCiphers()).containsExactly("AES-256-GCM", "AES-128-GCM", "CHACHA20-POLY1305");
        assertThat(p.dataChannel().renegSeconds()).isZero();
        assertThat(p.verb()).isEqualTo(3);
    }

    @Test
    void awsFederatedProfile() {
        Profile p = usable(Fixtures.valid("aws-federated.ovpn"));

        assertThat(p.authentication().federated()).isTrue();
        assertThat(p.authentication().userPass()).isTrue();
        assertThat(p.authentication().certificate()).isFalse();
        assertThat(p.authentication().retry()).isEqualTo(Authentication.AuthRetry.INTERACT);
        assertThat(p.authentication().noCache()).isTrue();
        assertThat(p.authentication().summary()).isEqualTo("saml");
    }

    @Test
    void awsDirectoryProfileWithMfa() {
        Profile p = usable(Fixtures.valid("aws-directory-mfa.ovpn"));

        assertThat(p.remotes().get(0).transport()).isEqualTo(Transport.TCP);
        assertThat(p.authentication().staticChallenge()).contains(
                new StaticChallenge("Enter MFA code ", true, StaticChallenge.Format.SCRV1));
        assertThat(p.authentication().summary()).isEqualTo("password+mfa");
    }

    @Test
    void awsIpv6LeakGuardLines() {
        Profile p = usable(Fixtures.valid("aws-ipv6-leak-guard.ovpn"));

        assertThat(p.routing().ifconfigIpv6()).contains(new Routing.Ifconfig6("fd15:53b6:dead::2/64",
                "fd15:53b6:dead::1"));
        assertThat(p.routing().routesIpv6()).extracting(Routing.Route6::prefix).containsExactly("2000::/3",
                "fc00::/7");
    }

    @Test
    void communityProfileWithReferencedFilesIsInlinedOnImport() {
        Path file = Fixtures.valid("community-files/community-tls-auth-files.ovpn");
        ParseResult result = Fixtures.parse(file);
        Profile p = result.profile().orElseThrow();

        assertThat(p.tls().tlsAuth()).hasValueSatisfying(k -> assertThat(k).contains("OpenVPN Static key V1"));
        assertThat(p.tls().keyDirection()).isEqualTo(OptionalInt.of(1));
        assertThat(p.tls().crl()).hasValueSatisfying(c -> assertThat(c).contains("BEGIN X509 CRL"));
        assertThat(p.tls().verifyX509Name()).contains(new VerifyX509Name("CN=vpn.corridor.test",
                VerifyX509Name.Type.SUBJECT));
        assertThat(p.dataChannel().authDigest()).isEqualTo("SHA256");
        assertThat(p.dataChannel().dataCiphers()).containsExactly("AES-256-GCM", "AES-128-GCM");
        assertThat(p.dataChannel().compression()).isEqualTo(Compression.LZO_NO);
        assertThat(p.timers().ping()).isEqualTo(10);
        assertThat(p.timers().pingRestart()).isEqualTo(60);
        assertThat(p.timers().explicitExitNotify()).isEqualTo(2);
        assertThat(result.warnings()).extracting(Diagnostic::reason).contains(Reason.IGNORED);

        String stored = result.storableText().orElseThrow();
        assertThat(stored).contains("<ca>", "</ca>", "<cert>", "<key>", "<tls-auth>", "</tls-auth>", "<crl-verify>",
                "key-direction 1");
        assertThat(stored).doesNotContain("ca ca.crt", "key client.key", "tls-auth ta.key");
        assertThat(stored).startsWith("# A classic community OpenVPN client config");
    }

    @Test
    void tlsCryptProfileWithFiltersRoutesAndDns() {
        Profile p = usable(Fixtures.valid("community-tls-crypt.ovpn"));

        assertThat(p.tls().tlsCrypt()).isPresent();
        assertThat(p.tls().tlsAuth()).isEmpty();
        assertThat(p.remotes().get(0).transport()).isEqualTo(Transport.TCP);
        assertThat(p.dataChannel().dataCiphers()).containsExactly("CHACHA20-POLY1305", "AES-256-GCM");
        assertThat(p.dataChannel().compression()).isEqualTo(Compression.STUB_V2);
        assertThat(p.routing().pullFilters()).containsExactly(
                new Routing.PullFilter(Routing.PullFilter.Action.IGNORE, "route-ipv6"),
                new Routing.PullFilter(Routing.PullFilter.Action.ACCEPT, "route 10."),
                new Routing.PullFilter(Routing.PullFilter.Action.REJECT, "redirect-gateway"));
        assertThat(p.routing().dhcpOptions()).containsExactly(
                new Routing.DhcpOption("DNS", Optional.of("10.0.0.2")),
                new Routing.DhcpOption("DOMAIN", Optional.of("corp.corridor.test")));
        assertThat(p.routing().routes()).singleElement().satisfies(r -> {
            assertThat(r.network()).isEqualTo("10.10.0.0");
            assertThat(r.netmask()).isEqualTo("255.255.0.0");
        });
        assertThat(p.routing().redirectGateway()).contains(Set.of("def1", "bypass-dhcp"));
    }

    @Test
    void multipleRemotesTakeDefaultsFromPortAndProto() {
        Profile p = usable(Fixtures.valid("multiple-remotes.ovpn"));

        assertThat(p.remotes()).extracting(Remote::display).containsExactly("vpn1.corridor.test:1195/udp",
                "vpn2.corridor.test:443/tcp", "192.0.2.10:1194/udp", "[2001:db8::10]:1194/udp");
        assertThat(p.remotes()).extracting(Remote::family).containsExactly(Transport.Family.ANY,
                Transport.Family.ANY, Transport.Family.IPV4, Transport.Family.IPV6);
        RemoteSelection s = p.remoteSelection();
        assertThat(s.random()).isTrue();
        assertThat(s.connectRetrySeconds()).isEqualTo(2);
        assertThat(s.connectRetryMaxSeconds()).isEqualTo(120);
        assertThat(s.connectRetryMax()).hasValue(5);
        assertThat(s.serverPollTimeoutSeconds()).isEqualTo(10);
        assertThat(s.resolvRetrySeconds()).hasValue(30);
    }

    @Test
    void crlfLineEndingsAndByteOrderMark() {
        Profile p = usable(Fixtures.valid("crlf-and-bom.ovpn"));

        assertThat(p.directives().get(0).name()).isEqualTo("client");
        assertThat(p.remotes().get(0).port()).isEqualTo(443);
        assertThat(p.tls().ca()).doesNotContain("\r");
        assertThat(p.authentication().federated()).isTrue();
    }

    @Test
    void quotingCommentsAndOptionalDirectives() {
        ParseResult result = Fixtures.parse(Fixtures.valid("quoting-and-comments.ovpn"));
        Profile p = result.profile().orElseThrow();

        assertThat(p.remotes()).singleElement().extracting(Remote::display).isEqualTo("vpn.corridor.test:1194/udp");
        assertThat(p.authentication().staticChallenge()).contains(new StaticChallenge("Enter code: \"digits only\"",
                false, StaticChallenge.Format.SCRV1));
        assertThat(p.verb()).isEqualTo(4);
        assertThat(result.warnings()).extracting(Diagnostic::line).containsExactly(9, 10, 12);
    }

    @Test
    void keyForms() {
        assertThat(usable(Fixtures.valid("key-forms-ec-and-pkcs1.ovpn")).tls().keyEncrypted()).isFalse();
        assertThat(usable(Fixtures.valid("key-form-pkcs1-rsa.ovpn")).tls().keyEncrypted()).isFalse();

        ParseResult encrypted = Fixtures.parse(Fixtures.valid("encrypted-key.ovpn"));
        assertThat(encrypted.profile().orElseThrow().tls().keyEncrypted()).isTrue();
        assertThat(encrypted.warnings()).extracting(Diagnostic::reason).containsExactly(Reason.ENCRYPTED_KEY);
    }

    @Test
    void expiredCertificatesAreWarnedAboutButStillImport() {
        Clock farFuture = Clock.fixed(Instant.parse("2200-01-01T00:00:00Z"), ZoneOffset.UTC);
        Path file = Fixtures.valid("aws-mutual.ovpn");
        ParseResult result = Fixtures.parser(farFuture).parse("aws-mutual.ovpn", Fixtures.read(file).getBytes(),
                ReferencedFiles.NONE);

        assertThat(result.usable()).isTrue();
        assertThat(result.warnings()).filteredOn(d -> d.reason() == Reason.CERTIFICATE_EXPIRED).hasSize(2)
                .allSatisfy(d -> assertThat(d.message()).contains("expired"));
    }

    @Test
    void profileValuesAreImmutable() {
        Profile p = usable(Fixtures.valid("multiple-remotes.ovpn"));
        List<Remote> remotes = p.remotes();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> remotes.add(remotes.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.tls().toString()).doesNotContain("BEGIN");
    }
}

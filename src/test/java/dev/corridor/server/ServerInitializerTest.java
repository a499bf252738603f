package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.pki.PemFiles;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.profile.ParseResult;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.IdpSource;
import dev.corridor.server.config.PortalOptions;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import dev.corridor.server.users.User;
import dev.corridor.server.users.UserDirectory;
import dev.corridor.server.users.UsersFile;
import dev.corridor.server.users.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code server init}: files, permissions, certificates, profiles and configuration. */
class ServerInitializerTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path temp;

    private static InitResult init(Path folder, InitOptions options) throws Exception {
        return new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(folder, options);
    }

    @ParameterizedTest
    @EnumSource(AuthMode.class)
    void createsAValidEndpointWhoseProfilesParse(AuthMode mode) throws Exception {
        Path folder = temp.resolve("endpoint");
        InitResult result = init(folder, new InitOptions(mode, TransportProtocol.TCP, 1194, true, "vpn.example.test"));

        EndpointConfig config = EndpointConfigFile.read(result.endpointConfig());
        assertThat(config.transport()).isEqualTo(TransportProtocol.TCP);
        assertThat(config.port()).isEqualTo(1194);
        assertThat(config.splitTunnel()).isTrue();
        assertThat(config.clientCidr().toString()).isEqualTo("10.200.0.0/22");
        assertThat(config.maxSessionHours()).isEqualTo(24);
        assertThat(config.loginBanner().enabled()).isTrue();
        assertThat(config.authentication().type()).isEqualTo(mode.label());
        assertThat(Files.isRegularFile(EndpointConfig.resolve(folder, config.serverCertificate().certificateFile())))
                .isTrue();
        assertThat(Files.isRegularFile(EndpointConfig.resolve(folder, config.crlFile().orElseThrow()))).isTrue();

        assertThat(result.profiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("alice.ovpn", "bob.ovpn", "carol.ovpn");
        for (Path profile : result.profiles()) {
            ParseResult parsed = ProfileParser.standard().parse(profile.toString(), Files.readAllBytes(profile),
                    ReferencedFiles.NONE);
            assertThat(parsed.errors()).as(profile.toString()).isEmpty();
            assertThat(parsed.usable()).isTrue();
            String text = Files.readString(profile);
            assertThat(text).contains("proto tcp\n", "remote vpn.example.test 1194\n", "remote-random-hostname\n",
                    "resolv-retry infinite\n", "nobind\n", "remote-cert-tls server\n", "cipher AES-256-GCM\n",
                    "verb 3\n", "<ca>\n-----BEGIN CERTIFICATE-----", "reneg-sec 0\n");
            assertThat(text.contains("<cert>")).isEqualTo(mode.usesCertificates());
            assertThat(text.contains("<key>")).isEqualTo(mode.usesCertificates());
            assertThat(text.contains("auth-user-pass\n")).isEqualTo(mode.usesPasswords());
            boolean federated = mode == AuthMode.FEDERATED;
            boolean mfa = !federated && mode.usesPasswords() && profile.endsWith("alice.ovpn");
            assertThat(text.contains("static-challenge \"Enter MFA code \" 1\n")).isEqualTo(mfa);
            assertThat(text.contains("auth-federate\n")).isEqualTo(federated);
            assertThat(parsed.profile().orElseThrow().authentication().federated()).isEqualTo(federated);
        }
        if (mode == AuthMode.FEDERATED) {
            AuthenticationOptions.Federated federated = (AuthenticationOptions.Federated) config.authentication();
            IdpSource.Pinned idp = (IdpSource.Pinned) federated.idp();
            assertThat(Files.isRegularFile(EndpointConfig.resolve(folder, idp.certificateFile()))).isTrue();
            assertThat(Files.isRegularFile(EndpointConfig.resolve(folder, federated.testIdp().orElseThrow().keyFile())))
                    .isTrue();
            assertThat(idp.url()).isEqualTo(ServerInitializer.TEST_IDP_URL);
        }
        // The exported configuration, which the self-service portal hands out: no client key ever.
        String exported = Files.readString(folder.resolve("clients").resolve(PortalOptions.EXPORTED_PROFILE_NAME));
        assertThat(exported).doesNotContain("<key>").doesNotContain("<cert>");
        assertThat(exported.contains("auth-user-pass\n")).isEqualTo(mode.usesPasswords());
        assertThat(exported.contains("auth-federate\n")).isEqualTo(mode == AuthMode.FEDERATED);
        // As on AWS, a mutual-only export lacks the client certificate, which the administrator adds.
        assertThat(ProfileParser.standard().parse("exported", exported.getBytes(StandardCharsets.UTF_8),
                ReferencedFiles.NONE).profile().isPresent()).isEqualTo(mode.usesPasswords());
        assertThat(config.selfServicePortal()).as("the portal is on for federated endpoints")
                .isEqualTo(mode == AuthMode.FEDERATED);
        assertThat(Files.exists(folder.resolve("users.json"))).isEqualTo(mode.usesPasswords());
        assertThat(result.credentialsFile().isPresent()).isEqualTo(mode.usesPasswords());
    }

    @Test
    void keysAndSecretsAreOwnerOnlyAndTheFolderIs0700() throws Exception {
        Path folder = temp.resolve("endpoint");
        init(folder, new InitOptions(AuthMode.MUTUAL_AND_DIRECTORY, TransportProtocol.UDP, 443, false, "127.0.0.1"));

        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
        }
        assertThat(folder.resolve("pki/ca.key")).exists();
        assertThat(folder.resolve("pki/server.key")).exists();
        assertThat(folder.resolve("pki/private/alice.key")).exists();
        assertThat(folder.resolve("users-credentials.txt")).exists();
    }

    @Test
    void certificatesChainToTheCaWithTheRightUsagesAndTheCrlIsEmpty() throws Exception {
        Path folder = temp.resolve("endpoint");
        init(folder, InitOptions.defaults());
        X509Certificate ca = PemFiles.readCertificate(folder.resolve("pki/ca.crt"));

        X509Certificate server = PemFiles.readCertificate(folder.resolve("pki/server.crt"));
        server.verify(ca.getPublicKey());
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        for (String user : List.of("alice", "bob", "carol")) {
            X509Certificate client = PemFiles.readCertificate(folder.resolve("pki/issued/" + user + ".crt"));
            client.verify(ca.getPublicKey());
            client.checkValidity();
            assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
            assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=" + user);
            assertThat(PemFiles.readIssued(folder.resolve("pki/issued/" + user + ".crt"),
                    folder.resolve("pki/private/" + user + ".key"))).isNotNull();
        }
        X509CRL crl = PemFiles.readCrl(folder.resolve("crl.pem"));
        crl.verify(ca.getPublicKey());
        assertThat(crl.getRevokedCertificates()).isNullOrEmpty();
        assertThat(crl.getNextUpdate()).isInTheFuture();
    }

    @Test
    void theGeneratedUsersSignInWithTheirPasswordsAndTotp() throws Exception {
        Path folder = temp.resolve("endpoint");
        InitResult result = init(folder, new InitOptions(AuthMode.DIRECTORY, TransportProtocol.UDP, 443, false,
                "127.0.0.1"));
        EndpointConfig config = EndpointConfigFile.read(result.endpointConfig());
        AuthenticationOptions.Directory directory = (AuthenticationOptions.Directory) config.authentication();
        assertThat(directory.mfa()).isTrue();
        List<User> users = UsersFile.read(EndpointConfig.resolve(folder, directory.usersFile()));
        UserDirectory userDirectory = new UserDirectory(users, directory.mfa());

        TestUserCredentials alice = result.credentials().get(0);
        assertThat(alice.groups()).containsExactly("engineering");
        String code = new Totp(Base32.decode(alice.totpSecret().orElseThrow()).orElseThrow()).code(
                Clock.systemUTC().instant());
        assertThat(userDirectory.verify("alice", alice.password().orElseThrow().toCharArray(), Optional.of(code),
                Clock.systemUTC())).isEqualTo(new Verification.Ok("alice", List.of("engineering")));
        TestUserCredentials carol = result.credentials().get(2);
        assertThat(userDirectory.verify("carol", carol.password().orElseThrow().toCharArray(), Optional.empty(),
                Clock.systemUTC())).isEqualTo(new Verification.Ok("carol", List.of("finance")));
        assertThat(result.credentials().get(1).totpSecret()).isEmpty();

        String credentials = Files.readString(result.credentialsFile().orElseThrow());
        assertThat(credentials).contains(alice.password().orElseThrow(), alice.totpSecret().orElseThrow());
        assertThat(Files.readString(folder.resolve("users.json"))).doesNotContain(alice.password().orElseThrow());
        assertThat(alice.toString()).doesNotContain(alice.password().orElseThrow());
    }

    @Test
    void refusesANonEmptyFolderAndTouchesNothing() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("existing"));
        Files.writeString(folder.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> init(folder, InitOptions.defaults())).isInstanceOf(ServerSetupException.class)
                .hasMessageContaining("is not empty");
        try (Stream<Path> entries = Files.list(folder)) {
            assertThat(entries).containsExactly(folder.resolve("keep.txt"));
        }
    }

    @Test
    void usesAnEmptyExistingFolder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("empty"));
        assertThat(init(folder, InitOptions.defaults()).profiles()).hasSize(3);
    }

    @Test
    void mutualAuthenticationGetsNoGroupRules() {
        EndpointConfig config = ServerInitializer.endpointConfig("cvpn-endpoint-0123456789abcdef0",
                InitOptions.defaults());
        assertThat(config.authorizationRules()).allMatch(r -> r.audience()
                instanceof dev.corridor.server.config.Audience.AllUsers);
        String json = EndpointConfigFile.toJson(config);
        assertThat(json).contains("\"allUsers\" : true").doesNotContain("\"group\"");
    }

    @Test
    void refusesPortsAndHostnamesOutsideTheRules() {
        assertThatThrownBy(() -> new InitOptions(AuthMode.MUTUAL, TransportProtocol.UDP, 80, false, "h"))
                .hasMessageContaining("443 or 1194");
        assertThatThrownBy(() -> new InitOptions(AuthMode.MUTUAL, TransportProtocol.UDP, 443, false, "a b"))
                .hasMessageContaining("not a host name");
    }
}

package dev.corridor.server;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.CertificateSpec;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import dev.corridor.pki.PemFiles;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.OwnerOnly;
import dev.corridor.server.config.Audience;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.AuthorizationRule;
import dev.corridor.server.config.ClientConnectHandler;
import dev.corridor.server.config.ConnectionLogOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.server.config.IdpSource;
import dev.corridor.server.config.LoginBanner;
import dev.corridor.server.config.MetricsOptions;
import dev.corridor.server.config.PortalOptions;
import dev.corridor.server.config.Route;
import dev.corridor.server.config.ServerCertificateFiles;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.PasswordHash;
import dev.corridor.server.users.User;
import dev.corridor.server.users.UsersFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Creates a complete test endpoint in an empty folder: a CA, a server certificate, client
 * certificates and profiles for three test users, an empty CRL, {@code endpoint.json} and (for
 * directory authentication) {@code users.json}.
 *
 * <pre>
 *   DIR/                       0700
 *   ├── endpoint.json          the endpoint configuration
 *   ├── crl.pem                an empty CRL, valid for a year
 *   ├── users.json             directory and federated (the test IdP's users): hashes, groups, TOTP secrets
 *   ├── users-credentials.txt  directory authentication only: the generated passwords, for the demo
 *   ├── pki/ca.crt ca.key server.crt server.key
 *   ├── pki/issued/USER.crt    pki/private/USER.key
 *   ├── idp/idp.crt idp.key    federated only: the test IdP's signing certificate (pinned by the endpoint)
 *   ├── clients/USER.ovpn      alice, bob, carol
 *   └── clients/downloaded-client-config.ovpn   the endpoint's exported profile (what the portal hands out)
 * </pre>
 *
 * Every file is written atomically and owner-only (0600). An existing non-empty folder is refused,
 * so keys are never overwritten.
 */
public final class ServerInitializer {
    /** The test users: name, groups, and whether they use MFA. */
    private record TestUser(String name, List<String> groups, boolean mfa) {}

    private static final List<TestUser> TEST_USERS = List.of(
            new TestUser("alice", List.of("engineering"), true),
            new TestUser("bob", List.of(), false),
            new TestUser("carol", List.of("finance"), false));

    /** The client CIDR of a new endpoint. */
    public static final String CLIENT_CIDR = "10.200.0.0/22";
    /** The network behind the endpoint. */
    public static final String PRIVATE_NETWORK = "10.100.0.0/16";
    /** The DNS server pushed to clients (the network's base + 2, as in a VPC). */
    public static final String DNS_SERVER = "10.100.0.2";
    /** The login banner of a new endpoint. */
    public static final String BANNER = "Corridor test endpoint. Authorized use only; connections are logged.";
    /** Where {@code server run} serves the test IdP of a federated endpoint. */
    public static final String TEST_IDP_URL = "http://127.0.0.1:8444/sso";
    /** How long the first CRL is valid. */
    public static final Duration CRL_VALIDITY = Duration.ofDays(365);

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 20;
    private static final int TOTP_SECRET_BYTES = 20;

    private final Clock clock;
    private final SecureRandom random;
    private final AtomicFileWriter writer;

    public ServerInitializer(Clock clock, SecureRandom random, AtomicFileWriter writer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Creates the endpoint in {@code folder} (created when missing).
     *
     * @throws ServerSetupException when the folder exists and is not empty, or is not a folder
     */
    public InitResult initialize(Path folder, InitOptions options) throws IOException, ServerSetupException {
        prepareFolder(folder);
        PemFiles pem = new PemFiles(writer);
        Path pki = OwnerOnly.createFolder(folder.resolve("pki"));
        String endpointId = "cvpn-endpoint-" + HexFormat.of().formatHex(randomBytes(9)).substring(0, 17);

        CertificateAuthority ca = CertificateAuthority.create("Corridor test CA " + endpointId, clock, random);
        pem.writeIssued(pki.resolve("ca.crt"), pki.resolve("ca.key"), ca.certificate());
        IssuedCertificate server = ca.issue(serverSpec(options.hostname()));
        pem.writeIssued(pki.resolve("server.crt"), pki.resolve("server.key"), server);
        pem.writeCrl(folder.resolve("crl.pem"), ca.crl(List.of(), CRL_VALIDITY));

        List<User> users = new ArrayList<>();
        List<TestUserCredentials> credentials = new ArrayList<>();
        List<Path> profiles = new ArrayList<>();
        Path clients = OwnerOnly.createFolder(folder.resolve("clients"));
        String caPem = Pem.certificate(ca.caCertificate());
        for (TestUser testUser : TEST_USERS) {
            IssuedCertificate client = ca.issueClient(testUser.name());
            pem.writeIssued(pki.resolve("issued").resolve(testUser.name() + ".crt"),
                    pki.resolve("private").resolve(testUser.name() + ".key"), client);
            Optional<String> password = Optional.empty();
            Optional<String> totpSecret = Optional.empty();
            if (options.auth().usesPasswords()) {
                char[] generated = password();
                byte[] secret = testUser.mfa() ? randomBytes(TOTP_SECRET_BYTES) : null;
                users.add(new User(testUser.name(), PasswordHash.create(generated, random), testUser.groups(),
                        Optional.ofNullable(secret)));
                password = Optional.of(new String(generated));
                Arrays.fill(generated, '\0');
                totpSecret = Optional.ofNullable(secret).map(Base32::encode);
            }
            credentials.add(new TestUserCredentials(testUser.name(), testUser.groups(), password, totpSecret));
            boolean mutual = options.auth().usesCertificates();
            boolean federated = options.auth() == AuthMode.FEDERATED;
            ClientProfileText profile = new ClientProfileText(options.transport(), options.hostname(),
                    options.port(), caPem,
                    mutual ? Optional.of(Pem.certificate(client.certificate())) : Optional.empty(),
                    mutual ? Optional.of(Pem.privateKey(client.privateKey())) : Optional.empty(),
                    options.auth().usesPasswords(), !federated && options.auth().usesPasswords() && testUser.mfa());
            Path file = clients.resolve(testUser.name() + ".ovpn");
            // A federated profile is AWS's: auth-user-pass plus auth-federate; the MFA code goes to the IdP page.
            String text = profile.render() + (federated ? "auth-federate\n" : "");
            writer.write(file, text.getBytes(StandardCharsets.UTF_8));
            profiles.add(file);
        }

        writer.write(clients.resolve(PortalOptions.EXPORTED_PROFILE_NAME),
                exportedProfile(options, caPem).getBytes(StandardCharsets.UTF_8));

        Optional<Path> credentialsFile = Optional.empty();
        if (options.auth().usesPasswords()) {
            new UsersFile(writer).write(folder.resolve(UsersFile.FILE_NAME), users);
            Path file = folder.resolve("users-credentials.txt");
            writer.write(file, credentialsText(credentials).getBytes(StandardCharsets.UTF_8));
            credentialsFile = Optional.of(file);
        }
        if (options.auth() == AuthMode.FEDERATED) {
            Path idp = OwnerOnly.createFolder(folder.resolve("idp"));
            IssuedCertificate idpKey = CertificateAuthority.create("Corridor test IdP " + endpointId, clock, random)
                    .certificate();
            pem.writeIssued(idp.resolve("idp.crt"), idp.resolve("idp.key"), idpKey);
        }
        Path endpointFile = folder.resolve(EndpointConfigFile.FILE_NAME);
        new EndpointConfigFile(writer).write(endpointFile, endpointConfig(endpointId, options));
        return new InitResult(folder, endpointFile, profiles, credentials, credentialsFile);
    }

    /** The {@code endpoint.json} content of a new endpoint. */
    static EndpointConfig endpointConfig(String endpointId, InitOptions options) {
        Ipv4Cidr privateNetwork = Ipv4Cidr.parse(PRIVATE_NETWORK).orElseThrow();
        Ipv4Cidr everywhere = Ipv4Cidr.parse("0.0.0.0/0").orElseThrow();
        AuthenticationOptions.Mutual mutual = new AuthenticationOptions.Mutual(Path.of("pki/ca.crt"));
        AuthenticationOptions.Directory directory = new AuthenticationOptions.Directory(Path.of(UsersFile.FILE_NAME),
                true);
        AuthenticationOptions authentication = switch (options.auth()) {
            case MUTUAL -> mutual;
            case DIRECTORY -> directory;
            case MUTUAL_AND_DIRECTORY -> new AuthenticationOptions.MutualAndDirectory(mutual, directory);
            case FEDERATED -> new AuthenticationOptions.Federated(
                    new IdpSource.Pinned(Path.of("idp/idp.crt"), TEST_IDP_URL, TEST_IDP_URL), Optional.of(new AuthenticationOptions.Federated.TestIdp(Path.of("idp/idp.key"),
                            Path.of(UsersFile.FILE_NAME))));
        };
        // Mutual authentication knows no groups, so its private-network rule is for all users.
        Audience privateAudience = options.auth().usesPasswords() ? new Audience.Group("engineering")
                : new Audience.AllUsers();
        List<AuthorizationRule> rules = List.of(
                new AuthorizationRule(privateNetwork, privateAudience, "private network"),
                new AuthorizationRule(everywhere, new Audience.AllUsers(), "internet"));
        return new EndpointConfig(endpointId, Ipv4Cidr.parse(CLIENT_CIDR).orElseThrow(), options.transport(),
                options.port(), new ServerCertificateFiles(Path.of("pki/server.crt"), Path.of("pki/server.key")),
                authentication, List.of(Ipv4Address.parse(DNS_SERVER).orElseThrow()), options.splitTunnel(),
                List.of(new Route(privateNetwork, "local", "private network")), rules, false,
                Optional.of(Path.of("crl.pem")), ClientConnectHandler.disabled(),
                new ConnectionLogOptions(true, Optional.of(Path.of("connections.log"))),
                EndpointConfig.DEFAULT_SESSION_HOURS, new LoginBanner(true, BANNER),
                options.auth() == AuthMode.FEDERATED, MetricsOptions.disabled(), PortalOptions.defaults());
    }

    /**
     * The endpoint's configuration as the console exports it (and the self-service portal hands it
     * out): no client certificate or key; auth-user-pass for user-based authentication, the MFA
     * static challenge for directory authentication with MFA, auth-federate for SAML.
     */
    static String exportedProfile(InitOptions options, String caPem) {
        boolean federated = options.auth() == AuthMode.FEDERATED;
        ClientProfileText profile = new ClientProfileText(options.transport(), options.hostname(), options.port(),
                caPem, Optional.empty(), Optional.empty(), options.auth().usesPasswords(),
                !federated && options.auth().usesPasswords());
        return profile.render() + (federated ? "auth-federate\n" : "");
    }

    private static CertificateSpec serverSpec(String hostname) {
        boolean ipLiteral = hostname.matches("[0-9.]+");
        CertificateSpec spec = CertificateSpec.server(ipLiteral ? "corridor-test-server" : hostname);
        return ipLiteral ? spec.withDnsNames(List.of("corridor-test-server")) : spec;
    }

    private static void prepareFolder(Path folder) throws IOException, ServerSetupException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ServerSetupException(folder + " exists and is not a folder");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new ServerSetupException(folder + " is not empty; init never overwrites an existing"
                            + " server's keys. Choose a new folder, or empty this one first.");
                }
            }
        }
        OwnerOnly.createFolder(folder);
    }

    private char[] password() {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
        }
        return password;
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The owner-only demo file with the test users' secrets. */
    static String credentialsText(List<TestUserCredentials> credentials) {
        StringBuilder text = new StringBuilder();
        text.append("# Test users of this Corridor test endpoint. Demo secrets only: delete this file\n");
        text.append("# once you have noted them. users.json holds only salted hashes.\n");
        for (TestUserCredentials user : credentials) {
            text.append('\n').append("username: ").append(user.username()).append('\n');
            text.append("groups:   ").append(user.groups().isEmpty() ? "(none)" : String.join(", ", user.groups()))
                    .append('\n');
            user.password().ifPresent(p -> text.append("password: ").append(p).append('\n'));
            user.totpSecret().ifPresent(s -> text.append("totp secret (base32): ").append(s).append('\n'));
            user.otpauthUri().ifPresent(u -> text.append("otpauth uri: ").append(u).append('\n'));
        }
        return text.toString();
    }
}

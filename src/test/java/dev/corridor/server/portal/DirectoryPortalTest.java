package dev.corridor.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.metrics.EndpointMetric;
import dev.corridor.server.metrics.EndpointMetrics;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal of a directory endpoint: the guide's "user-based credentials" are the directory's
 * username, password and (for users with an MFA device) TOTP code, checked against the users file.
 */
class DirectoryPortalTest {
    @TempDir
    Path temp;

    @Test
    void directoryUsersSignInWithPasswordAndMfaCodeAndDownloadTheProfile() throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(AuthMode.DIRECTORY, TransportProtocol.UDP, 443,
                        false, "127.0.0.1"));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
        assertThat(tree.get("selfServicePortal").asBoolean()).as("init turns it on for federated only").isFalse();
        tree.put("selfServicePortal", true);
        mapper.writeValue(init.endpointConfig().toFile(), tree);
        EndpointConfig config = EndpointConfigFile.read(init.endpointConfig());
        Path folder = init.endpointConfig().getParent();
        EndpointMetrics metrics = new EndpointMetrics(config.endpointId());
        List<String> log = new CopyOnWriteArrayList<>();
        TestUserCredentials alice = init.credentials().stream().filter(c -> c.username().equals("alice"))
                .findFirst().orElseThrow();

        try (SelfServicePortal portal = SelfServicePortal.fromConfig(config, folder, metrics, Clock.systemUTC(),
                new SecureRandom(), log::add)) {
            portal.start(0);
            PortalBrowser browser = new PortalBrowser(true);
            HttpResponse<String> form = browser.get(portal.endpointUrl());
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("action=\"/endpoints/" + config.endpointId() + "/sign-in\"",
                    "name=\"username\"", "name=\"password\"", "name=\"code\"");

            HttpResponse<String> noCode = browser.post(portal.endpointUrl() + "/sign-in", Map.of("username", "alice",
                    "password", alice.password().orElseThrow()));
            assertThat(noCode.statusCode()).isEqualTo(403);
            assertThat(noCode.body()).contains("Sign-in refused: " + DirectoryPortalSignIn.REFUSED);
            assertThat(browser.post(portal.endpointUrl() + "/sign-in", Map.of("username", "alice", "password",
                    "wrong", "code", "000000")).statusCode()).isEqualTo(403);
            assertThat(browser.download(portal.endpointUrl() + "/profile").statusCode()).isEqualTo(403);

            String code = new Totp(Base32.decode(alice.totpSecret().orElseThrow()).orElseThrow())
                    .code(Clock.systemUTC().instant());
            HttpResponse<String> signedIn = browser.post(portal.endpointUrl() + "/sign-in", Map.of("username",
                    "alice", "password", alice.password().orElseThrow(), "code", code));
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
            assertThat(signedIn.uri().toString()).isEqualTo(portal.endpointUrl());
            assertThat(signedIn.body()).contains("Signed in as alice", "No client installers are offered here.");
            HttpResponse<byte[]> profile = browser.download(portal.endpointUrl() + "/profile");
            assertThat(profile.statusCode()).isEqualTo(200);
            assertThat(profile.body()).isEqualTo(Files.readAllBytes(folder.resolve(
                    "clients/downloaded-client-config.ovpn")));
            assertThat(new String(profile.body())).contains("auth-user-pass\n", "static-challenge \"Enter MFA code \" 1");
            assertThat(metrics.value(EndpointMetric.SELF_SERVICE_PORTAL_CLIENT_CONFIGURATION_DOWNLOADS)).hasValue(1);
            assertThat(log).contains("portal: directory sign-in refused for \"alice\"", "portal: alice signed in");
            assertThat(String.join("\n", log)).doesNotContain(alice.password().orElseThrow()).doesNotContain(code);
            assertThat(browser.get(portal.url() + "api/auth/sso/saml").statusCode())
                    .as("no SAML ACS on a directory endpoint").isEqualTo(404);
        }
    }
}

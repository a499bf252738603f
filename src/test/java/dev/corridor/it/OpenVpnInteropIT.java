package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code corridor check} against Debian's OpenVPN 2.6 running as the server in a network namespace:
 * the protocol core proven against the real thing, one configuration per test.
 */
class OpenVpnInteropIT {
    @org.junit.jupiter.api.io.TempDir
    Path credentialsFolder;
    private NetnsLab lab;
    private OpenVpnServer server;

    /** What one {@code corridor check --json} run produced. */
    record Run(int exit, JsonNode json, String stderr) {}

    @BeforeAll
    static void clearLeftovers() {
        NetnsLab.removeStale();
    }

    @BeforeEach
    void createLab() {
        lab = NetnsLab.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        lab.close();
    }

    private Run check(OpenVpnServer.Setup setup, String... extraArgs) throws Exception {
        server = OpenVpnServer.start(lab, setup);
        Path profile = server.writeClientProfile("client.ovpn");
        List<String> args = new ArrayList<>(List.of("check", "--config", profile.toString(), "--json"));
        args.addAll(List.of(extraArgs));
        String[][] defaults = {{"--count", "3"}, {"--interval", "0.2"}, {"--timeout", "30"}};
        for (String[] option : defaults) {
            if (!args.contains(option[0])) {
                args.addAll(List.of(option));
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        JsonNode json = out.toString().isBlank() ? null : new ObjectMapper().readTree(out.toString());
        return new Run(exit, json, err.toString());
    }

    private void assertConnectedAndPinged(Run run, String cipher) {
        assertThat(run.json()).as("stdout JSON; stderr: %s; server log:%n%s", run.stderr(), server.log()).isNotNull();
        assertThat(run.json().get("connected").asBoolean())
                .as("connected; error %s; server log:%n%s", run.json().get("error"), server.log()).isTrue();
        assertThat(run.json().get("cipher").asText()).isEqualTo(cipher);
        assertThat(run.json().get("ping").get("target").asText()).isEqualTo(OpenVpnServer.TUNNEL_SERVER_ADDRESS);
        assertThat(run.json().get("ping").get("received").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(run.exit()).isZero();
    }

    @Test
    void udpTlsCryptAes256Gcm() throws Exception {
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("AES-256-GCM"));

        assertConnectedAndPinged(run, "AES-256-GCM");
        assertThat(run.json().get("keyDerivation").asText()).isEqualTo("tls-ekm");
        assertThat(run.json().get("pushed").get("topology").asText()).isEqualTo("subnet");
        assertThat(run.json().get("ping").get("received").asInt()).isEqualTo(3);
    }

    @Test
    void tcpTlsAuthAes128Gcm() throws Exception {
        Run run = check(new OpenVpnServer.Setup("tcp", "tls-auth", "AES-128-GCM", null, List.of(), List.of(), false));

        assertConnectedAndPinged(run, "AES-128-GCM");
    }

    @Test
    void chacha20Poly1305() throws Exception {
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("CHACHA20-POLY1305"));

        assertConnectedAndPinged(run, "CHACHA20-POLY1305");
    }

    @Test
    void aes256CbcWithSha256() throws Exception {
        Run run = check(new OpenVpnServer.Setup("udp", "tls-auth", "AES-256-CBC", "SHA256", List.of(), List.of(),
                false));

        assertConnectedAndPinged(run, "AES-256-CBC");
    }

    @Test
    void usernameAndPasswordCheckedByTheServer() throws Exception {
        Path good = credentialsFolder.resolve("good.txt");
        java.nio.file.Files.writeString(good, "alice\ncorrect horse\n");
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("AES-256-GCM").withPasswordCheck("alice", "correct horse")
                .withClientLines("auth-user-pass"), "--auth-user-pass", good.toString());

        assertConnectedAndPinged(run, "AES-256-GCM");
        assertThat(server.log()).contains("password accepted for alice");
    }

    @Test
    void wrongPasswordIsRefusedWithAClearError() throws Exception {
        Path bad = credentialsFolder.resolve("bad.txt");
        java.nio.file.Files.writeString(bad, "alice\nwrong\n");
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("AES-256-GCM").withPasswordCheck("alice", "correct horse")
                .withClientLines("auth-user-pass"), "--auth-user-pass", bad.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.json().get("connected").asBoolean()).isFalse();
        assertThat(run.json().get("error").asText()).contains("authentication failed");
    }

    @Test
    void revokedClientCertificateFailsClearly() throws Exception {
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("AES-256-GCM").revoked());

        assertThat(run.exit()).isNotZero();
        assertThat(run.json().get("connected").asBoolean()).isFalse();
        assertThat(run.json().get("error").asText()).as("check output %s%nserver log:%n%s", run.json(), server.log())
                .containsIgnoringCase("certificate");
        assertThat(server.log()).containsIgnoringCase("revoked");
    }

    @Test
    void renegotiationEvery20SecondsLosesAtMostOnePercentOfPings() throws Exception {
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("AES-256-GCM").withServerLines("reneg-sec 20"),
                "--count", "90", "--interval", "1", "--timeout", "30");

        assertConnectedAndPinged(run, "AES-256-GCM");
        int sent = run.json().get("ping").get("sent").asInt();
        int received = run.json().get("ping").get("received").asInt();
        assertThat(sent).isEqualTo(90);
        assertThat(sent - received).as("pings lost across renegotiations").isLessThanOrEqualTo(sent / 100);
        assertThat(run.json().get("statistics").get("renegotiations").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void clientInitiatedRenegotiationKeepsTheTunnelUp() throws Exception {
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("AES-256-GCM").withClientLines("reneg-sec 8"),
                "--count", "20", "--interval", "1");

        assertConnectedAndPinged(run, "AES-256-GCM");
        assertThat(run.json().get("statistics").get("renegotiations").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(20 - run.json().get("ping").get("received").asInt()).isLessThanOrEqualTo(1);
    }

    @Test
    void failsOverToTheNextRemoteWhenTheFirstDoesNotAnswer() throws Exception {
        String silent = "remote " + lab.hostAddress().getHostAddress() + " 1";
        Run run = check(OpenVpnServer.Setup.udpTlsCrypt("AES-256-GCM")
                .withClientLines("server-poll-timeout 2", "connect-retry 1")
                .firstRemote(silent));

        assertConnectedAndPinged(run, "AES-256-GCM");
        assertThat(run.json().get("events").toString()).contains("no answer from").contains("server-poll-timeout");
    }
}

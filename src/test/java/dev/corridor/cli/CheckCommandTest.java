package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor check} failure paths that need no server: each ends with exit 1, a clear reason
 * and no stack trace. (Connections to a real server are proven by the *IT tests.)
 */
class CheckCommandTest {
    @TempDir
    Path folder;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path profileFor(String remoteLine, String extra) throws Exception {
        String fixture = Files.readString(Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn"));
        String text = fixture.replaceFirst("remote \\S+ 443", remoteLine) + extra;
        Path file = folder.resolve("test.ovpn");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aSilentUdpServerEndsWithNoAnswerWithinTheTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path profile = profileFor("remote 127.0.0.1 " + silent.getLocalPort(), "");
            Result result = run("check", "--config", profile.toString(), "--json", "--timeout", "2");

            assertThat(result.exit()).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(result.out());
            assertThat(json.get("connected").asBoolean()).isFalse();
            assertThat(json.get("error").asText()).contains("no answer from").contains("within 2 s");
            assertThat(json.get("ping").get("sent").asInt()).isZero();
            assertThat(result.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void aClosedTcpPortIsReportedAsUnreachable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path profile = profileFor("remote 127.0.0.1 " + port + " tcp", "");
        Result result = run("check", "--config", profile.toString(), "--timeout", "3");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("Problem: cannot reach /127.0.0.1:" + port);
        assertThat(result.out() + result.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void anInvalidProfileShowsItsDiagnostics() {
        Result result = run("check", "--config", "src/test/resources/profiles/invalid/bad-port.ovpn");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("bad-port.ovpn:3: error:");
    }

    @Test
    void aMissingFileIsReported() {
        Result result = run("check", "--config", folder.resolve("nope.ovpn").toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("does not exist");
    }

    @Test
    void samlProfileWithTheAcsPortTakenStopsWithAwsMessageAndStartsNothing() throws Exception {
        Path profile = folder.resolve("federated.ovpn");
        Files.copy(Path.of("src/test/resources/profiles/valid/aws-federated.ovpn"), profile);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run("check", "--config", profile.toString(), "--json", "--timeout", "2",
                    "--acs-port", String.valueOf(taken.getLocalPort()), "--browser-command", "true");

            assertThat(result.exit()).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(result.out());
            assertThat(json.get("error").asText()).startsWith(
                    "The authentication flow could not be initiated. There are no available ports.");
            assertThat(json.get("events").toString()).doesNotContain("resolving").doesNotContain("CONNECTING");
        }
    }

    @Test
    void samlProfileBindsTheListenerThenReportsTheUnreachableServerAndFreesThePort() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        int acsPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            acsPort = probe.getLocalPort();
        }
        String fixture = Files.readString(Path.of("src/test/resources/profiles/valid/aws-federated.ovpn"));
        Path profile = folder.resolve("federated.ovpn");
        Files.writeString(profile, fixture.replaceFirst("remote \\S+ 443", "remote 127.0.0.1 " + closedPort)
                .replace("proto udp", "proto tcp"));
        Result result = run("check", "--config", profile.toString(), "--json", "--timeout", "2",
                "--acs-port", String.valueOf(acsPort), "--browser-command", "true");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(result.out()).get("error").asText()).contains("cannot reach");
        try (java.net.ServerSocket again = new java.net.ServerSocket(acsPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(acsPort);
        }
    }

    @Test
    void anUnclosedQuoteInTheBrowserCommandIsAUsageError() throws Exception {
        Path profile = folder.resolve("federated.ovpn");
        Files.copy(Path.of("src/test/resources/profiles/valid/aws-federated.ovpn"), profile);
        Result result = run("check", "--config", profile.toString(), "--browser-command", "firefox 'x");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--browser-command").contains("unclosed");
    }

    @Test
    void aMissingCredentialsFileIsReported() throws Exception {
        Path profile = profileFor("remote 127.0.0.1 1194", "auth-user-pass\n");
        Result result = run("check", "--config", profile.toString(), "--auth-user-pass",
                folder.resolve("missing.txt").toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("missing.txt");
    }

    @Test
    void eitherAProfileNameOrConfigIsRequired() {
        Result result = run("check");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("PROFILE", "--config");
    }

    @Test
    void aStoredProfileIsCheckedByItsName() throws Exception {
        String previous = System.getProperty(dev.corridor.platform.DataDirectory.OVERRIDE_PROPERTY);
        System.setProperty(dev.corridor.platform.DataDirectory.OVERRIDE_PROPERTY, folder.resolve("home").toString());
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path profile = profileFor("remote 127.0.0.1 " + silent.getLocalPort(), "");
            assertThat(run("profile", "import", profile.toString(), "--name", "Lab").exit()).isZero();

            Result result = run("check", "Lab", "--json", "--timeout", "2");

            assertThat(result.exit()).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(result.out());
            assertThat(json.get("events").toString()).contains("127.0.0.1:" + silent.getLocalPort());
            assertThat(run("check", "Nope").err()).contains("no profile named \"Nope\"");
        } finally {
            if (previous == null) {
                System.clearProperty(dev.corridor.platform.DataDirectory.OVERRIDE_PROPERTY);
            } else {
                System.setProperty(dev.corridor.platform.DataDirectory.OVERRIDE_PROPERTY, previous);
            }
        }
    }
}

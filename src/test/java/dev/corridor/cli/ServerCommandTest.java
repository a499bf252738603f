package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.server.config.EndpointConfigFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code corridor server init} in-process (the command is not registered in CorridorCommand yet). */
class ServerCommandTest {
    @TempDir
    Path temp;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ServerCommand());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void initCreatesAnEndpointAndPrintsTheTestUsersOnce() throws Exception {
        Path folder = temp.resolve("srv");
        Result result = run("init", folder.toString(), "--auth", "mutual+directory", "--proto", "tcp", "--port",
                "1194", "--split-tunnel", "--hostname", "vpn.example.test");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("Created a test endpoint in " + folder, "mutual+directory",
                "tcp 1194", "split tunnel", "alice.ovpn", "users-credentials.txt", "password: ", "TOTP secret: ",
                "Serve it with: corridor server run --config ");
        assertThat(EndpointConfigFile.read(folder.resolve("endpoint.json")).port()).isEqualTo(1194);
        assertThat(Files.readString(folder.resolve("clients/alice.ovpn"))).contains("remote vpn.example.test 1194");
        String credentials = Files.readString(folder.resolve("users-credentials.txt"));
        String alicePassword = result.out().lines().filter(l -> l.strip().startsWith("alice")).findFirst()
                .orElseThrow().replaceAll(".*password: (\\S+).*", "$1");
        assertThat(credentials).contains(alicePassword);
    }

    @Test
    void mutualInitPrintsNoPasswords() {
        Result result = run("init", temp.resolve("m").toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("(mutual, udp 443, full tunnel)").doesNotContain("password")
                .doesNotContain("Self-service portal");
    }

    @Test
    void federatedInitTurnsThePortalOnAndRunRefusesAPortalWithoutItsProfile() throws Exception {
        Path folder = temp.resolve("f");
        Result init = run("init", folder.toString(), "--auth", "federated");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("Self-service portal: on (\"selfServicePortal\": true); server run serves it"
                + " on http://127.0.0.1:8445/", "clients/downloaded-client-config.ovpn");
        assertThat(EndpointConfigFile.read(folder.resolve("endpoint.json")).selfServicePortal()).isTrue();

        // Without the test IdP section (nothing to bind at 8444) and without the exported file.
        String json = Files.readString(folder.resolve("endpoint.json"));
        String withoutTestIdp = json.replaceAll("(?s),\\s*\"testIdp\"\\s*:\\s*\\{[^}]*}", "");
        assertThat(withoutTestIdp).doesNotContain("testIdp");
        Files.writeString(folder.resolve("endpoint.json"), withoutTestIdp);
        Files.delete(folder.resolve("clients/downloaded-client-config.ovpn"));
        Result run = run("run", "--config", folder.resolve("endpoint.json").toString(), "--port-override", "0",
                "--portal-port", "0");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("corridor: the self-service portal cannot start: $.portal.profileFile: ")
                .contains("is not a readable file");
    }

    @Test
    void runRefusesANegativeRehearsalAsAUsageError() {
        Path folder = temp.resolve("r");
        assertThat(run("init", folder.toString()).exit()).isZero();

        Result result = run("run", "--config", folder.resolve("endpoint.json").toString(), "--port-override", "0",
                "--rehearse-handshakes", "-2");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--rehearse-handshakes: 0 or more");
    }

    @Test
    void refusesANonEmptyFolderWithExitOne() throws Exception {
        Files.writeString(temp.resolve("x"), "x");
        Result result = run("init", temp.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("is not empty").doesNotContain("Exception");
    }

    @Test
    void refusesBadOptionsAsUsageErrors() {
        assertThat(run("init", temp.resolve("a").toString(), "--port", "80").exit()).isEqualTo(2);
        assertThat(run("init", temp.resolve("b").toString(), "--auth", "saml").err())
                .contains("not one of mutual, directory, mutual+directory");
        assertThat(run("init", temp.resolve("c").toString(), "--proto", "icmp").exit()).isEqualTo(2);
        assertThat(temp.resolve("a")).doesNotExist();
    }
}

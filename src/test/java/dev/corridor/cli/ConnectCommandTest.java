package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.net.os.NetworkPrivileges;
import dev.corridor.platform.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corridor connect}'s checks before it touches anything (the tunnel itself is in ConnectIT). */
class ConnectCommandTest {
    @TempDir
    Path data;

    private String previousHome;

    @BeforeEach
    void useATemporaryDataFolder() {
        previousHome = System.getProperty(DataDirectory.OVERRIDE_PROPERTY);
        System.setProperty(DataDirectory.OVERRIDE_PROPERTY, data.toString());
    }

    @AfterEach
    void restoreSettings() {
        if (previousHome == null) {
            System.clearProperty(DataDirectory.OVERRIDE_PROPERTY);
        } else {
            System.setProperty(DataDirectory.OVERRIDE_PROPERTY, previousHome);
        }
        NetCommand.privileges = NetworkPrivileges::missing;
    }

    record Run(int exitCode, String out, String err) {}

    private static Run corridor(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutPrivilegesItSaysWhatIsMissingAndPointsToCheck() throws IOException {
        NetCommand.privileges = () -> Optional.of("root or CAP_NET_ADMIN (run it with sudo)");
        Path profile = Files.writeString(data.resolve("work.ovpn"), "client\nremote 192.0.2.9 1194\n");
        Run run = corridor("connect", "--config", profile.toString(), "--auth-user-pass", "creds.txt");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("needs root or CAP_NET_ADMIN (run it with sudo)")
                .contains("corridor check --config " + profile + " --auth-user-pass creds.txt");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aStoredProfileIsNamedInTheHint() {
        NetCommand.privileges = () -> Optional.of("root (run it with sudo)");
        Run run = corridor("connect", "Work");
        assertThat(run.err()).contains("corridor check Work");
    }

    @Test
    void aMissingProfileFileFailsBeforeAnythingChanges() {
        NetCommand.privileges = Optional::empty;
        Run run = corridor("connect", "--config", data.resolve("missing.ovpn").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("does not exist");
        assertThat(data.resolve("network-journal.json")).doesNotExist();
    }

    @Test
    void anUnknownLeakGuardWordIsAUsageError() {
        Run run = corridor("connect", "Work", "--ipv6-leak-guard", "sometimes");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("sometimes");
    }

    @Test
    void helpListsTheExitCodes() {
        Run run = corridor("connect", "--help");
        assertThat(run.out()).contains("--config").contains("--auth-user-pass").contains("HALT");
    }
}

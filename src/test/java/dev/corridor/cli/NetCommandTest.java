package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.net.UndoJournal;
import dev.corridor.net.os.NetworkPrivileges;
import dev.corridor.platform.DataDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor net restore} and the leftover-journal check before every command, with journals whose
 * undo steps only restore a scratch file (so nothing touches the real network).
 */
@EnabledOnOs(OS.LINUX)
class NetCommandTest {
    @TempDir
    Path data;
    @TempDir
    Path work;

    private String previousHome;

    @BeforeEach
    void useATemporaryDataFolder() {
        previousHome = System.getProperty(DataDirectory.OVERRIDE_PROPERTY);
        System.setProperty(DataDirectory.OVERRIDE_PROPERTY, data.toString());
        NetCommand.privileges = Optional::empty;
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

    private Path journal() {
        return data.resolve(UndoJournal.FILE_NAME);
    }

    /** A leftover journal: a kept route, and a resolver file (in the scratch folder) to put back. */
    private Path leftover() throws Exception {
        Path resolv = work.resolve("resolv.conf");
        Files.writeString(resolv, "# written by Corridor\nnameserver 10.8.0.53\n");
        String original = Base64.getEncoder().encodeToString("nameserver 192.168.1.1\n".getBytes());
        Files.writeString(journal(), "{\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\","
                + "\"pid\":1,\"entries\":[{\"step\":1,\"change\":\"route 10.1.0.0/16 already exists; left as it is\","
                + "\"undo\":[{\"kind\":\"nothing\",\"reason\":\"existed before Corridor\"}]},"
                + "{\"step\":2,\"change\":\"DNS 10.8.0.53, all queries on tun0\",\"undo\":[{\"kind\":\"file\","
                + "\"path\":\"" + resolv + "\",\"content\":\"" + original + "\",\"mode\":\"rw-r--r--\","
                + "\"symlink\":null}]}]}");
        return resolv;
    }

    @Test
    void withoutAJournalThereIsNothingToRestore() {
        Run run = corridor("net", "restore");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Nothing to restore: no network undo journal at " + journal());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void restoresALeftoverJournalAndSaysWhatItDid() throws Exception {
        Path resolv = leftover();

        Run run = corridor("net", "restore");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Restored the host network from " + journal())
                .contains("undone: DNS 10.8.0.53, all queries on tun0")
                .contains("left alone: route 10.1.0.0/16 already exists; left as it is (existed before Corridor)")
                .contains("restored 2 change(s); journal removed");
        assertThat(run.out().indexOf("DNS")).isLessThan(run.out().indexOf("route 10.1"));
        assertThat(resolv).hasContent("nameserver 192.168.1.1");
        assertThat(journal()).doesNotExist();
    }

    @Test
    void aDamagedJournalIsReportedAndKept() throws Exception {
        Files.writeString(journal(), "{\"format\":\"corridor-network-journal\",\"version\":1,\"os\":");

        Run run = corridor("net", "restore");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("corridor: the network undo journal " + journal() + " is damaged: it is not"
                + " valid JSON").contains("it was kept");
        assertThat(journal()).exists();
    }

    @Test
    void withoutPrivilegesRestoreSaysWhatItNeeds() throws Exception {
        leftover();
        NetCommand.privileges = () -> Optional.of("root or CAP_NET_ADMIN (run it with sudo)");

        Run run = corridor("net", "restore");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("journal " + journal())
                .contains("needs root or CAP_NET_ADMIN (run it with sudo): sudo corridor net restore");
        assertThat(journal()).exists();
    }

    @Test
    void anyCommandFirstRestoresALeftoverJournalWithAMessageOnStderr() throws Exception {
        Path resolv = leftover();

        Run run = corridor("profile", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("corridor: a Corridor run ended abruptly; restored the host network it had"
                + " changed:").contains("undone: DNS 10.8.0.53");
        assertThat(resolv).hasContent("nameserver 192.168.1.1");
        assertThat(journal()).doesNotExist();
    }

    @Test
    void withoutPrivilegesAnyCommandWarnsAndStillRuns() throws Exception {
        leftover();
        NetCommand.privileges = () -> Optional.of("root or CAP_NET_ADMIN (run it with sudo)");

        Run run = corridor("profile", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("corridor: warning: the host network has changes left by a Corridor run")
                .contains("sudo corridor net restore");
        assertThat(journal()).exists();
    }

    @Test
    void helpDoesNotRestore() throws Exception {
        leftover();

        Run run = corridor("net", "restore", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Undo the routes, addresses and DNS settings");
        assertThat(journal()).exists();
    }

    @Test
    void netIsListedInTheTopLevelHelp() {
        assertThat(corridor("--help").out()).contains("net");
    }
}

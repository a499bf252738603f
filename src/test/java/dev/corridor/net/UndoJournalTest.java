package dev.corridor.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.platform.AtomicFileWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The journal file: every kind of undo survives a round trip, and damage is named precisely and kept. */
class UndoJournalTest {
    @TempDir
    Path data;

    @Test
    void everyUndoKindSurvivesARoundTrip() throws Exception {
        UndoJournal journal = UndoJournal.in(data);
        List<Undo> steps = List.of(
                Undo.RunCommand.of("ip", "-4", "route", "del", "0.0.0.0/1", "via", "10.8.0.1", "dev", "tun0"),
                new Undo.RunCommand(List.of("scutil"), Optional.of("remove State:/Network/Service/x/DNS\nquit\n")),
                new Undo.RestoreFile("/etc/resolv.conf", Optional.of(new byte[] {'n', 0, (byte) 0xff, '\n'}),
                        Optional.of("rw-r--r--"), Optional.empty(), Optional.of("ab12")),
                new Undo.RestoreFile("/etc/resolv.conf", Optional.empty(), Optional.empty(),
                        Optional.of("../run/systemd/resolve/stub-resolv.conf"), Optional.empty()),
                new Undo.Nothing("existed before Corridor"));
        try (UndoJournal.Writer writer = journal.create("linux")) {
            writer.append(new JournalEntry(1, "several \"undo\" kinds", steps));
            writer.append(new JournalEntry(2, "second", List.of(new Undo.Nothing("x"))));
            writer.dropLast();
        }

        UndoJournal.Contents contents = journal.read().orElseThrow();

        assertThat(contents.os()).isEqualTo("linux");
        assertThat(contents.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(contents.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.change()).isEqualTo("several \"undo\" kinds");
            assertThat(entry.undo()).hasSize(5);
            assertThat(entry.undo().get(0)).isEqualTo(steps.get(0));
            assertThat(entry.undo().get(1)).isEqualTo(steps.get(1));
            Undo.RestoreFile file = (Undo.RestoreFile) entry.undo().get(2);
            assertThat(file.content().orElseThrow()).containsExactly('n', 0, 0xff, '\n');
            assertThat(file.posixMode()).contains("rw-r--r--");
            assertThat(file.writtenSha256()).contains("ab12");
            assertThat(((Undo.RestoreFile) entry.undo().get(3)).symlinkTarget())
                    .contains("../run/systemd/resolve/stub-resolv.conf");
            assertThat(entry.undo().get(4)).isEqualTo(new Undo.Nothing("existed before Corridor"));
        });
    }

    @Test
    void theStructuredStepsAreOneReadableLinePerChangeAndSurviveARoundTrip() throws Exception {
        UndoJournal journal = UndoJournal.in(data);
        List<Undo> link = List.of(new Undo.RestoreLink("tun0", 1500, false));
        List<Undo> address = List.of(new Undo.RemoveAddress("tun0", InterfaceAddress.parse("10.8.0.6/32"),
                Optional.of(Addresses.parse("10.8.0.5"))));
        List<Undo> route = List.of(new Undo.RemoveRoute(IpPrefix.parse("2000::/3"), Optional.empty(), "tun0"),
                new Undo.RemoveRoute(IpPrefix.parse("0.0.0.0/1"), Optional.of(Addresses.parse("10.8.0.5")), "tun0"));
        try (UndoJournal.Writer writer = journal.create("linux")) {
            writer.append(new JournalEntry(1, "link", link));
            writer.append(new JournalEntry(2, "address", address));
            writer.append(new JournalEntry(3, "routes", route));
            writer.append(new JournalEntry(4, "failed", List.of(new Undo.Nothing("x"))));
            writer.dropLast();
        }

        List<String> lines = Files.readAllLines(journal.file());
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("{\"format\":\"corridor-network-journal\",\"version\":2,\"os\":\"linux\","
                + "\"pid\":" + ProcessHandle.current().pid() + "}");
        assertThat(lines.get(1)).isEqualTo("{\"step\":1,\"change\":\"link\",\"undo\":[{\"kind\":\"restore-link\","
                + "\"link\":\"tun0\",\"mtu\":1500,\"up\":false}]}");
        assertThat(lines.get(2)).contains("{\"kind\":\"remove-address\",\"link\":\"tun0\",\"address\":\"10.8.0.6/32\","
                + "\"peer\":\"10.8.0.5\"}");
        assertThat(lines.get(3)).contains("{\"kind\":\"remove-route\",\"destination\":\"2000::/3\",\"gateway\":null,"
                + "\"link\":\"tun0\"}");
        assertThat(lines.get(5)).isEqualTo("{\"dropped\":4}");
        UndoJournal.Contents contents = journal.read().orElseThrow();
        assertThat(contents.entries()).extracting(JournalEntry::undo).containsExactly(link, address, route);
    }

    @Test
    void aLastLineCutShortBelongsToAChangeNeverAppliedAndIsIgnored() throws Exception {
        UndoJournal journal = UndoJournal.in(data);
        try (UndoJournal.Writer writer = journal.create("linux")) {
            writer.append(new JournalEntry(1, "link", List.of(new Undo.RestoreLink("tun0", 1500, true))));
        }
        Files.writeString(journal.file(), "{\"step\":2,\"change\":\"rou", java.nio.file.StandardOpenOption.APPEND);

        assertThat(journal.read().orElseThrow().entries()).extracting(JournalEntry::step).containsExactly(1);
    }

    @Test
    void aVersionOneDocumentIsStillRead() throws Exception {
        UndoJournal journal = UndoJournal.in(data);
        Files.writeString(journal.file(), "{\n  \"format\" : \"corridor-network-journal\",\n  \"version\" : 1,\n"
                + "  \"os\" : \"linux\",\n  \"pid\" : 7,\n  \"entries\" : [ {\n    \"step\" : 1,\n"
                + "    \"change\" : \"route 10.1.0.0/16 dev tun0\",\n    \"undo\" : [ {\n      \"kind\" : \"command\",\n"
                + "      \"command\" : [ \"ip\", \"-4\", \"route\", \"del\", \"10.1.0.0/16\", \"dev\", \"tun0\" ],\n"
                + "      \"input\" : null\n    } ]\n  } ]\n}");

        UndoJournal.Contents contents = journal.read().orElseThrow();

        assertThat(contents.pid()).isEqualTo(7);
        assertThat(contents.entries()).singleElement().satisfies(e -> assertThat(e.undo()).containsExactly(
                Undo.RunCommand.of("ip", "-4", "route", "del", "10.1.0.0/16", "dev", "tun0")));
    }

    @Test
    void noFileMeansNoJournal() throws Exception {
        assertThat(UndoJournal.in(data).read()).isEmpty();
        assertThat(UndoJournal.in(data).exists()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated JSON      | {\"format\":\"corridor-network-journal\",\"ver  | it is not valid JSON",
            "blank line          | ' '                                            | it is empty or not a JSON object",
            "another format      | {\"format\":\"x\",\"version\":1}               | \"format\" is not \"corridor-network-journal\"",
            "future version      | {\"format\":\"corridor-network-journal\",\"version\":3,\"os\":\"linux\",\"entries\":[]} | unsupported version 3",
            "future line format  | '{\"format\":\"corridor-network-journal\",\"version\":3,\"os\":\"linux\"}\n' | unsupported version 3",
            "bad address         | {\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"entries\":[{\"step\":1,\"change\":\"c\",\"undo\":[{\"kind\":\"remove-address\",\"link\":\"tun0\",\"address\":\"10.8.0.300/24\"}]}]} | $.entries[0].undo[0]: not an IP address: '10.8.0.300'",
            "link without mtu    | {\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"entries\":[{\"step\":1,\"change\":\"c\",\"undo\":[{\"kind\":\"restore-link\",\"link\":\"tun0\",\"up\":true}]}]} | $.entries[0].undo[0].mtu or .up is missing or of the wrong type",
            "damaged middle line | '{\"format\":\"corridor-network-journal\",\"version\":2,\"os\":\"linux\",\"pid\":1}\n{\"step\":1,\n{\"step\":2,\"change\":\"c\",\"undo\":[]}\n' | line 2 is not a JSON object",
            "drop of another step| '{\"format\":\"corridor-network-journal\",\"version\":2,\"os\":\"linux\",\"pid\":1}\n{\"step\":1,\"change\":\"c\",\"undo\":[]}\n{\"dropped\":7}\n' | line 3 drops step 7, which is not the last one journaled",
            "no os               | {\"format\":\"corridor-network-journal\",\"version\":1,\"entries\":[]} | $.os is missing or not text",
            "entries not a list  | {\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"entries\":{}} | $.entries is missing or not a list",
            "entry without step  | {\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"entries\":[{\"change\":\"c\",\"undo\":[]}]} | $.entries[0].step is missing or not a number",
            "unknown undo kind   | {\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"entries\":[{\"step\":1,\"change\":\"c\",\"undo\":[{\"kind\":\"teleport\"}]}]} | $.entries[0].undo[0].kind \"teleport\" is unknown",
            "empty command       | {\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"entries\":[{\"step\":1,\"change\":\"c\",\"undo\":[{\"kind\":\"command\",\"command\":[]}]}]} | $.entries[0].undo[0].command is missing or empty",
            "bad base64          | {\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"entries\":[{\"step\":1,\"change\":\"c\",\"undo\":[{\"kind\":\"file\",\"path\":\"/x\",\"content\":\"!!\"}]}]} | $.entries[0].undo[0].content is not base64",
    })
    void aDamagedJournalNamesTheProblemAndIsKept(String name, String text, String problem) throws Exception {
        UndoJournal journal = UndoJournal.in(data);
        Files.writeString(journal.file(), text, StandardCharsets.UTF_8);
        HostNetwork network = new HostNetwork(new FakeApplier(journal.file(), NetworkPlannerTest.laptop(false)),
                journal);

        assertThatThrownBy(network::restoreAfterCrash).isInstanceOf(JournalDamagedException.class)
                .hasMessageContaining(journal.file().toString())
                .hasMessageContaining("is damaged: " + problem)
                .hasMessageContaining("it was kept");
        assertThat(journal.file()).exists().hasContent(text);
    }

    @Test
    void theHeaderIsWrittenAtomicallyWithoutWaitingForTheDisk() throws Exception {
        List<String> writes = new java.util.ArrayList<>();
        AtomicFileWriter recording = new AtomicFileWriter() {
            @Override
            public void write(Path target, byte[] content) throws java.io.IOException {
                writes.add("synced " + target.getFileName());
                super.write(target, content);
            }

            @Override
            public void writeWithoutSync(Path target, byte[] content) throws java.io.IOException {
                writes.add("unsynced " + target.getFileName());
                super.writeWithoutSync(target, content);
            }
        };
        UndoJournal journal = new UndoJournal(data.resolve(UndoJournal.FILE_NAME), recording);
        try (UndoJournal.Writer writer = journal.create("linux", Optional.of("boot-1"))) {
            // kernel state, then a file that outlives a restart: the second line syncs the header with it
            writer.append(new JournalEntry(1, "link", List.of(new Undo.RestoreLink("tun0", 1500, false))));
            writer.append(new JournalEntry(2, "dns", List.of(new Undo.RestoreFile("/etc/resolv.conf",
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))));
        }

        assertThat(writes).containsExactly("unsynced " + UndoJournal.FILE_NAME);
        assertThat(journal.read().orElseThrow().entries()).extracting(JournalEntry::step).containsExactly(1, 2);
        assertThat(journal.emptyAfterPowerCut()).isFalse();
    }

    @Test
    void anEmptyFileIsAHeaderThatNeverReachedTheDisk() throws Exception {
        UndoJournal journal = UndoJournal.in(data);
        assertThat(journal.emptyAfterPowerCut()).isFalse(); // no file at all
        Files.write(journal.file(), new byte[0]);
        assertThat(journal.emptyAfterPowerCut()).isTrue();
        Files.writeString(journal.file(), "{");
        assertThat(journal.emptyAfterPowerCut()).isFalse(); // damaged, not empty: kept and reported
    }

    @Test
    void aSecondTunnelCannotStartWhileTheFirstHoldsTheJournal() throws Exception {
        UndoJournal journal = UndoJournal.in(data);
        try (UndoJournal.Writer first = journal.create("linux")) {
            assertThat(journal.inUse()).isTrue();
            assertThatThrownBy(() -> journal.create("linux")).hasMessageContaining("is locked");
            first.delete();
        }
        assertThat(journal.inUse()).isFalse();
        assertThat(journal.exists()).isFalse();
    }
}

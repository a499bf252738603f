package dev.corridor.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal discipline of {@link HostNetwork}: write before apply, undo in reverse, restore after a crash. */
class HostNetworkTest {
    @TempDir
    Path data;
    @TempDir
    Path crashed;

    private final HostSnapshot laptop = NetworkPlannerTest.laptop(true);

    private static TunnelNetworkRequest fullTunnel() {
        return NetworkPlannerTest.subnetTunnel().redirectGateway(List.of("def1")).routes(List.of("10.100.0.0/16"))
                .dnsServers(List.of("10.8.0.53")).build();
    }

    private Path journalFile() {
        return data.resolve(UndoJournal.FILE_NAME);
    }

    @Test
    void everyChangeIsJournaledAndSyncedBeforeItIsApplied() throws Exception {
        FakeApplier applier = new FakeApplier(journalFile(), laptop);
        HostNetwork network = new HostNetwork(applier, UndoJournal.in(data));

        try (AppliedNetwork applied = network.apply(fullTunnel())) {
            assertThat(applier.journaledBeforeApply).hasSize(applied.plan().changes().size()).containsOnly(true);
            assertThat(applier.host).hasSize(applied.plan().changes().size());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalFile())))
                    .isEqualTo("rw-------");
        }
        assertThat(applier.host).isEmpty();
        assertThat(journalFile()).doesNotExist();
    }

    @Test
    void closingUndoesInReverseOrder() throws Exception {
        FakeApplier applier = new FakeApplier(journalFile(), laptop);
        HostNetwork network = new HostNetwork(applier, UndoJournal.in(data));
        AppliedNetwork applied = network.apply(fullTunnel());
        List<String> order = applied.plan().changes().stream().map(NetworkChange::describe).toList();

        RestoreReport report = applied.undo();

        assertThat(applier.undone).containsExactlyElementsOf(reversed(order));
        assertThat(report.lines()).extracting(RestoreReport.Line::change).containsExactlyElementsOf(reversed(order));
        assertThat(applied.undo()).isSameAs(report);
    }

    @Test
    void aFailingChangeUndoesTheEarlierOnesAndLeavesNoJournal() {
        FakeApplier applier = new FakeApplier(journalFile(), laptop).failAt(4);
        HostNetwork network = new HostNetwork(applier, UndoJournal.in(data));

        assertThatThrownBy(() -> network.apply(fullTunnel()))
                .isInstanceOf(NetworkChangeException.class)
                .hasMessageContaining("failed: RTNETLINK answers: File exists")
                .hasMessageContaining("the 3 change(s) made before were undone");
        assertThat(applier.host).isEmpty();
        assertThat(journalFile()).doesNotExist();
    }

    @Test
    void aCrashMidwayIsRestoredFromTheJournalOnDisk() throws Exception {
        // The "crash": after the third change the process dies (an Error nobody catches); the disk keeps
        // the journal as it was at that moment, which the next start finds in its data folder.
        Set<String> host = new LinkedHashSet<>();
        FakeApplier applier = new FakeApplier(host, journalFile(), laptop).afterApply(step -> {
            if (step == 3) {
                copy(journalFile(), crashed.resolve(UndoJournal.FILE_NAME));
                throw new SimulatedCrash();
            }
        });
        assertThatThrownBy(() -> new HostNetwork(applier, UndoJournal.in(data)).apply(fullTunnel()))
                .isInstanceOf(SimulatedCrash.class);
        host.add("a route someone else added later");
        assertThat(host).hasSize(4);

        HostNetwork afterReboot = new HostNetwork(new FakeApplier(host, crashed.resolve("unused"), laptop),
                UndoJournal.in(crashed));
        assertThat(afterReboot.hasLeftover()).isTrue();
        RestoreReport report = afterReboot.restoreAfterCrash();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.RESTORED);
        assertThat(report.lines()).extracting(RestoreReport.Line::change).containsExactly(
                "route 203.0.113.10/32 via 192.168.1.1 dev wlan0 (VPN server outside the tunnel)",
                "address 10.8.0.2/24 on tun0",
                "link tun0 up, mtu 1500");
        assertThat(report.lines()).allMatch(l -> l.outcome() == NetworkApplier.Outcome.UNDONE);
        assertThat(report.describe()).last().asString().contains("restored 3 change(s); journal removed");
        assertThat(host).containsExactly("a route someone else added later");
        assertThat(crashed.resolve(UndoJournal.FILE_NAME)).doesNotExist();
    }

    @Test
    void anEmptyJournalLeftByAPowerCutIsDeletedAndTheNextTunnelCanStart() throws Exception {
        // The header is not synced (kernel state goes with a power cut anyway): the cut may leave the
        // file empty. Nothing in it outlived the cut, so the restore removes it instead of calling it damaged.
        Set<String> host = new LinkedHashSet<>();
        Files.write(crashed.resolve(UndoJournal.FILE_NAME), new byte[0]);
        HostNetwork afterReboot = new HostNetwork(new FakeApplier(host, crashed.resolve(UndoJournal.FILE_NAME),
                laptop), UndoJournal.in(crashed));
        assertThat(afterReboot.hasLeftover()).isTrue();

        RestoreReport report = afterReboot.restoreAfterCrash();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.RESTORED);
        assertThat(report.lines()).isEmpty();
        assertThat(report.complete()).isTrue();
        assertThat(crashed.resolve(UndoJournal.FILE_NAME)).doesNotExist();
        assertThat(afterReboot.apply(fullTunnel()).plan().changes()).isNotEmpty();
    }

    @Test
    void afterARestartOfTheMachineOnlyWhatOutlivesItIsRestored() throws Exception {
        // The machine died with the tunnel up. After the restart, tun0 and its routes are gone with the
        // old kernel; whatever now has those names (another VPN's tun0) is not Corridor's to remove.
        // DNS (a command here, a file on Linux without systemd-resolved) outlives a restart: restored.
        Set<String> host = new LinkedHashSet<>();
        FakeApplier before = new FakeApplier(host, journalFile(), laptop).kernelUndos().boot("boot-1");
        AppliedNetwork applied = new HostNetwork(before, UndoJournal.in(data)).apply(fullTunnel());
        copy(journalFile(), crashed.resolve(UndoJournal.FILE_NAME));
        int changes = applied.plan().changes().size();
        assertThat(host).hasSize(changes);
        assertThat(Files.readString(crashed.resolve(UndoJournal.FILE_NAME)).lines().findFirst().orElseThrow())
                .contains("\"boot\":\"boot-1\"");

        FakeApplier restarted = new FakeApplier(host, crashed.resolve("unused"), laptop).kernelUndos()
                .rememberingUndosOf(before).boot("boot-2");
        RestoreReport report = new HostNetwork(restarted, UndoJournal.in(crashed)).restoreAfterCrash();

        assertThat(report.complete()).isTrue();
        assertThat(restarted.undone).containsExactly(
                "DNS 10.8.0.53, all queries on tun0");
        assertThat(report.lines()).filteredOn(l -> !l.change().startsWith("DNS"))
                .allMatch(l -> l.outcome() == NetworkApplier.Outcome.ALREADY_GONE
                        && l.detail().equals("gone with the restart of the machine"));
        assertThat(host).hasSize(changes - 1).noneMatch(h -> h.startsWith("DNS"));
        assertThat(crashed.resolve(UndoJournal.FILE_NAME)).doesNotExist();
    }

    @Test
    void inTheSameBootKernelStateIsRestoredToo() throws Exception {
        Set<String> host = new LinkedHashSet<>();
        FakeApplier before = new FakeApplier(host, journalFile(), laptop).kernelUndos().boot("boot-1");
        new HostNetwork(before, UndoJournal.in(data)).apply(fullTunnel());
        copy(journalFile(), crashed.resolve(UndoJournal.FILE_NAME));

        FakeApplier after = new FakeApplier(host, crashed.resolve("unused"), laptop).kernelUndos()
                .rememberingUndosOf(before).boot("boot-1");
        RestoreReport report = new HostNetwork(after, UndoJournal.in(crashed)).restoreAfterCrash();

        assertThat(report.lines()).allMatch(l -> l.outcome() == NetworkApplier.Outcome.UNDONE
                || l.outcome() == NetworkApplier.Outcome.NOTHING_TO_DO);
        assertThat(host).isEmpty();
    }

    /** Stands for the process dying: HostNetwork catches exceptions, never errors. */
    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aChangeJournaledButNotYetAppliedWhenTheCrashCameIsReportedAlreadyGone() throws Exception {
        // Copy the journal during the second apply, before the fake host records it: "journaled, not applied".
        Set<String> host = new LinkedHashSet<>();
        FakeApplier applier = new FakeApplier(host, journalFile(), laptop).afterApply(step -> {
            if (step == 1) {
                copy(journalFile(), crashed.resolve("after-1.json"));
            }
        });
        AppliedNetwork applied = new HostNetwork(applier, UndoJournal.in(data)).apply(fullTunnel());
        String journalAfterTwo = renderFirst(applied, 2);
        Files.writeString(crashed.resolve(UndoJournal.FILE_NAME), journalAfterTwo);
        host.remove(applied.plan().changes().get(1).describe()); // the kernel never saw change 2

        RestoreReport report = new HostNetwork(new FakeApplier(host, crashed.resolve("unused"), laptop),
                UndoJournal.in(crashed)).restoreAfterCrash();

        assertThat(report.lines()).extracting(RestoreReport.Line::outcome).containsExactly(
                NetworkApplier.Outcome.ALREADY_GONE, NetworkApplier.Outcome.UNDONE);
        assertThat(report.complete()).isTrue();
    }

    @Test
    void aPreExistingRouteIsJournaledAsSuchAndLeftAlone() throws Exception {
        HostSnapshot withRoute = NetworkPlannerTest.laptop(false, new HostSnapshot.HostRoute(
                IpPrefix.parse("10.100.0.0/16"), Optional.of(Addresses.parse("192.168.1.9")), Optional.of("wlan0")));
        Set<String> host = new LinkedHashSet<>(Set.of("10.100.0.0/16 via 192.168.1.9 (the user's own)"));
        FakeApplier applier = new FakeApplier(host, journalFile(), withRoute);

        AppliedNetwork applied = new HostNetwork(applier, UndoJournal.in(data)).apply(fullTunnel());
        assertThat(Files.readString(journalFile())).contains("\"kind\":\"nothing\"")
                .contains("existed before Corridor");
        RestoreReport report = applied.undo();

        assertThat(report.lines()).anyMatch(l -> l.outcome() == NetworkApplier.Outcome.NOTHING_TO_DO
                && l.change().contains("10.100.0.0/16 already exists"));
        assertThat(host).containsExactly("10.100.0.0/16 via 192.168.1.9 (the user's own)");
    }

    @Test
    void aLiveTunnelsJournalIsNotALeftoverAndRestoreLeavesItAlone() throws Exception {
        FakeApplier applier = new FakeApplier(journalFile(), laptop);
        HostNetwork network = new HostNetwork(applier, UndoJournal.in(data));

        try (AppliedNetwork applied = network.apply(fullTunnel())) {
            assertThat(network.hasLeftover()).isFalse();
            RestoreReport report = network.restoreAfterCrash();
            assertThat(report.status()).isEqualTo(RestoreReport.Status.IN_USE);
            assertThat(applier.host).hasSize(applied.plan().changes().size());
            assertThatThrownBy(() -> network.apply(fullTunnel())).isInstanceOf(NetworkChangeException.class)
                    .hasMessageContaining("locked");
        }
    }

    @Test
    void aLeftoverJournalBlocksANewTunnelUntilRestored() throws Exception {
        Files.writeString(journalFile(), journalText("[]"));
        HostNetwork network = new HostNetwork(new FakeApplier(journalFile(), laptop), UndoJournal.in(data));

        assertThatThrownBy(() -> network.apply(fullTunnel())).hasMessageContaining("corridor net restore");
        assertThat(network.restoreAfterCrash().status()).isEqualTo(RestoreReport.Status.RESTORED);
        network.apply(fullTunnel()).close();
    }

    @Test
    void withoutAJournalThereIsNothingToRestore() throws Exception {
        HostNetwork network = new HostNetwork(new FakeApplier(journalFile(), laptop), UndoJournal.in(data));

        RestoreReport report = network.restoreAfterCrash();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.NO_JOURNAL);
        assertThat(report.describe()).singleElement().asString().startsWith("nothing to restore");
        assertThat(network.hasLeftover()).isFalse();
    }

    @Test
    void aFailedUndoStepKeepsTheJournalForAnotherTry() throws Exception {
        Files.writeString(journalFile(), journalText("[{\"step\":1,\"change\":\"route x\",\"undo\":"
                + "[{\"kind\":\"command\",\"command\":[\"fake-undo\",\"route x\"],\"input\":null}]}]"));
        NetworkApplier refusing = new FakeApplier(journalFile(), laptop) {
            @Override
            public UndoResult undo(Undo undo) {
                return new UndoResult(Outcome.FAILED, "Operation not permitted");
            }
        };

        RestoreReport report = new HostNetwork(refusing, UndoJournal.in(data)).restoreAfterCrash();

        assertThat(report.complete()).isFalse();
        assertThat(report.journalKept()).isTrue();
        assertThat(report.describe()).anyMatch(l -> l.contains("FAILED: route x (Operation not permitted)"));
        assertThat(journalFile()).exists();
    }

    @Test
    void aJournalFromAnotherOsIsRefusedAndKept() throws Exception {
        Files.writeString(journalFile(), journalText("[]").replace("\"fake\"", "\"windows\""));

        assertThatThrownBy(() -> new HostNetwork(new FakeApplier(journalFile(), laptop), UndoJournal.in(data))
                .restoreAfterCrash()).isInstanceOf(JournalDamagedException.class)
                .hasMessageContaining("written on windows, this is fake");
        assertThat(journalFile()).exists();
    }

    static String journalText(String entries) {
        return "{\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"fake\",\"pid\":1,\"entries\":"
                + entries + "}";
    }

    private String renderFirst(AppliedNetwork applied, int count) {
        List<JournalEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String change = applied.plan().changes().get(i).describe();
            entries.add(new JournalEntry(i + 1, change,
                    List.of(new Undo.RunCommand(List.of("fake-undo", change), Optional.empty()))));
        }
        return new String(JournalJson.render(new UndoJournal.Contents("fake", 1, entries)), StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}

package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.net.HostNetwork;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.net.NetworkApplier;
import dev.corridor.net.NetworkChange;
import dev.corridor.net.NetworkChangeException;
import dev.corridor.net.Undo;
import dev.corridor.net.UndoJournal;
import dev.corridor.tun.InMemoryTun;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real-device provider: journal and apply once, reuse on an unchanged reconnect, undo in reverse. */
class HostTunProviderTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.2", 1194);

    @TempDir
    Path home;

    private final List<String> log = new ArrayList<>();
    private final List<InMemoryTun> opened = new ArrayList<>();
    private String failOn;

    /** Records every change and undo; fails the change whose description contains {@link #failOn}. */
    private final NetworkApplier applier = new NetworkApplier() {
        @Override
        public String os() {
            return "linux";
        }

        @Override
        public HostSnapshot snapshot() {
            return new HostSnapshot(Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
        }

        @Override
        public List<Undo> undoFor(NetworkChange change) {
            return List.of(Undo.RunCommand.of("undo", change.describe()));
        }

        @Override
        public void apply(NetworkChange change) throws NetworkChangeException {
            if (failOn != null && change.describe().contains(failOn)) {
                throw new NetworkChangeException("refused by the test");
            }
            log.add("apply " + change.describe());
        }

        @Override
        public UndoResult undo(Undo undo) {
            log.add(String.join(" ", ((Undo.RunCommand) undo).command()));
            return new UndoResult(Outcome.UNDONE, "done");
        }
    };

    private HostTunProvider provider(List<String> reports) {
        return new HostTunProvider(TunnelFixtures.routing(), new HostNetwork(applier, UndoJournal.in(home)),
                Ipv6LeakGuard.AUTO, mtu -> {
                    InMemoryTun tun = new InMemoryTun("tun" + opened.size(), mtu);
                    opened.add(tun);
                    return tun;
                }, reports::add);
    }

    @Test
    void opensTheDeviceAppliesTheNetworkAndUndoesItInReverseOnRelease() throws IOException {
        List<String> reports = new ArrayList<>();
        HostTunProvider provider = provider(reports);
        TunDevice device = provider.open(TunnelFixtures.pushed(List.of("10.100.0.0/255.255.255.0")), SERVER);
        assertThat(device.name()).isEqualTo("tun0");
        assertThat(device.mtu()).isEqualTo(1500);
        List<String> applied = log.stream().filter(l -> l.startsWith("apply ")).toList();
        assertThat(applied).isNotEmpty().anyMatch(l -> l.contains("10.100.0.0/24"));
        assertThat(UndoJournal.in(home).exists()).isTrue();
        assertThat(reports).anyMatch(r -> r.contains("network changes applied"));

        log.clear();
        provider.release();
        List<String> undone = List.copyOf(log);
        List<String> expected = new ArrayList<>(applied.stream().map(l -> "undo " + l.substring(6)).toList());
        java.util.Collections.reverse(expected);
        assertThat(undone).containsExactlyElementsOf(expected);
        assertThat(UndoJournal.in(home).exists()).isFalse();
        assertThat(device.read(ByteBuffer.allocate(2000))).isEqualTo(-1); // closed
        provider.release(); // a second release changes nothing
        assertThat(log).containsExactlyElementsOf(undone);
    }

    @Test
    void aReconnectWithTheSameSettingsKeepsDeviceAndRoutes() throws IOException {
        HostTunProvider provider = provider(new ArrayList<>());
        TunDevice first = provider.open(TunnelFixtures.pushed(List.of("10.100.0.0/255.255.255.0")), SERVER);
        int changes = log.size();
        TunDevice second = provider.open(TunnelFixtures.pushed(List.of("10.100.0.0/255.255.255.0")), SERVER);
        assertThat(second).isSameAs(first);
        assertThat(log).hasSize(changes);
        assertThat(opened).hasSize(1);
        provider.release();
    }

    @Test
    void changedSettingsAreUndoneAndAppliedAgainOnTheSameDevice() throws IOException {
        HostTunProvider provider = provider(new ArrayList<>());
        TunDevice first = provider.open(TunnelFixtures.pushed(List.of("10.100.0.0/255.255.255.0")), SERVER);
        log.clear();
        TunDevice second = provider.open(TunnelFixtures.pushed(List.of("10.200.0.0/255.255.0.0")), SERVER);
        assertThat(second).isSameAs(first);
        assertThat(log).anyMatch(l -> l.startsWith("undo") && l.contains("10.100.0.0/24"))
                .anyMatch(l -> l.startsWith("apply") && l.contains("10.200.0.0/16"));
        assertThat(log.indexOf(log.stream().filter(l -> l.startsWith("apply")).findFirst().orElseThrow()))
                .isGreaterThan(log.indexOf(log.stream().filter(l -> l.startsWith("undo")).findFirst().orElseThrow()));
        provider.release();
    }

    @Test
    void anAttemptToAnotherServerTakesTheNetworkBackFirstButKeepsTheDevice() throws IOException {
        HostTunProvider provider = provider(new ArrayList<>());
        TunDevice first = provider.open(TunnelFixtures.pushed(List.of("10.100.0.0/255.255.255.0")), SERVER);
        provider.connecting(SERVER);
        assertThat(log).noneMatch(l -> l.startsWith("undo"));
        InetSocketAddress other = new InetSocketAddress("198.51.100.3", 1194);
        provider.connecting(other);
        assertThat(log).anyMatch(l -> l.startsWith("undo"));
        assertThat(UndoJournal.in(home).exists()).isFalse();
        log.clear();
        TunDevice second = provider.open(TunnelFixtures.pushed(List.of("10.100.0.0/255.255.255.0")), other);
        assertThat(second).isSameAs(first);
        assertThat(log).anyMatch(l -> l.startsWith("apply"));
        provider.release();
    }

    @Test
    void aNewMtuGetsANewDevice() throws IOException {
        HostTunProvider provider = provider(new ArrayList<>());
        TunDevice first = provider.open(TunnelFixtures.pushed(List.of(), List.of(), List.of(), 1500), SERVER);
        TunDevice second = provider.open(TunnelFixtures.pushed(List.of(), List.of(), List.of(), 1400), SERVER);
        assertThat(second).isNotSameAs(first);
        assertThat(second.mtu()).isEqualTo(1400);
        assertThat(first.read(ByteBuffer.allocate(2000))).isEqualTo(-1);
        provider.release();
    }

    @Test
    void aFailedChangeClosesTheDeviceAndLeavesNothingBehind() {
        HostTunProvider provider = provider(new ArrayList<>());
        failOn = "10.100.0.0/24";
        assertThatThrownBy(() -> provider.open(TunnelFixtures.pushed(List.of("10.100.0.0/255.255.255.0")), SERVER))
                .isInstanceOf(IOException.class).hasMessageContaining("refused by the test");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).read(ByteBuffer.allocate(2000))).isEqualTo(-1);
        assertThat(UndoJournal.in(home).exists()).isFalse();
    }

    @Test
    void afterReleaseNoDeviceIsOpened() {
        HostTunProvider provider = provider(new ArrayList<>());
        provider.release();
        assertThatThrownBy(() -> provider.open(TunnelFixtures.pushed(List.of()), SERVER))
                .isInstanceOf(IOException.class);
        assertThat(opened).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readingTheHostNetworkAheadOfAConnectChangesNothing() throws IOException {
        // A netlink dump needs no privileges; nothing is journaled because nothing changes.
        assertThat(HostTunProvider.readHostNetworkOnce(home)).startsWith("read the host network in ");
        try (var files = java.nio.file.Files.list(home)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(UndoJournal.FILE_NAME))).isEmpty();
        }
    }
}

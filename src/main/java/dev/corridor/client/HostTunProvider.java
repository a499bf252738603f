package dev.corridor.client;

import dev.corridor.net.AppliedNetwork;
import dev.corridor.net.HostNetwork;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.net.NetworkChangeException;
import dev.corridor.net.RestoreReport;
import dev.corridor.net.TunnelNetworkRequest;
import dev.corridor.profile.Routing;
import dev.corridor.tun.TunDevice;
import dev.corridor.tun.os.OsTunDevices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TUN device with the tunnel's addresses, routes and DNS on the host, for {@code corridor connect}.
 *
 * <pre>
 *   open(settings, server) ─► request = pushed + profile lines (HostNetworkRequests)
 *        same request as the live one? ──yes──► reuse device and routes (a reconnect)
 *        │ no
 *        ├─ undo the live network changes (if any); MTU changed? close the device
 *        ├─ open the OS device with the pushed MTU (if none is open)
 *        └─ HostNetwork.apply(request): journal first, then each change
 *   release() ─► undo the network changes (newest first) ─► close the device
 * </pre>
 */
public final class HostTunProvider implements TunProvider {
    private static final Logger LOG = LoggerFactory.getLogger(HostTunProvider.class);
    /** The smallest MTU the host-network code accepts (the IPv4 minimum reassembly size). */
    private static final int MIN_MTU = 576;

    /** Opens a TUN device; the OS one in production, a fake in tests. */
    @FunctionalInterface
    public interface DeviceOpener {
        TunDevice open(int mtu) throws IOException;
    }

    private final Routing routing;
    private final HostNetwork network;
    private final Ipv6LeakGuard guard;
    private final DeviceOpener opener;
    private final Consumer<String> report;
    private TunDevice device;
    private AppliedNetwork applied;
    private TunnelNetworkRequest appliedRequest;
    private boolean released;

    /**
     * @param routing the profile's own routing lines
     * @param network the host network service (its journal decides where the undo journal lives)
     * @param guard   the IPv6 leak guard setting
     * @param opener  opens the TUN device
     * @param report  told, in a sentence, what the provider did (for the CLI); called under the provider's lock
     */
    public HostTunProvider(Routing routing, HostNetwork network, Ipv6LeakGuard guard, DeviceOpener opener,
            Consumer<String> report) {
        this.routing = Objects.requireNonNull(routing, "routing");
        this.network = Objects.requireNonNull(network, "network");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * Reads this machine's network once and changes nothing, so that a connect soon after (the desktop
     * app's first) does not pay for starting the native bridge: loading JNA and the netlink classes takes
     * about half a second on a freshly started JVM (docs/benchmarks.md, "Connect time, end of the day").
     * Returns a line for the log; a failure here is only lost time (the connect reports its own).
     */
    public static String readHostNetworkOnce(Path dataFolder) {
        long started = System.nanoTime();
        try {
            HostNetwork.forThisMachine(dataFolder).snapshot();
            return "read the host network in " + (System.nanoTime() - started) / 1_000_000 + " ms";
        } catch (NetworkChangeException | RuntimeException | LinkageError e) {
            return "could not read the host network ahead of a connect: " + e.getMessage();
        }
    }

    /** The OS TUN device (name chosen by the OS) and this machine's network, journaling into {@code dataFolder}. */
    public static HostTunProvider forThisMachine(Routing routing, Path dataFolder, Ipv6LeakGuard guard,
            Consumer<String> report) {
        return new HostTunProvider(routing, HostNetwork.forThisMachine(dataFolder), guard,
                mtu -> OsTunDevices.open(null, mtu), report);
    }

    @Override
    public synchronized TunDevice open(TunnelSettings settings, InetSocketAddress server) throws IOException {
        if (released) {
            throw new IOException("the connection is ending; no new TUN device");
        }
        if (server.isUnresolved()) {
            throw new IOException("the server address " + server + " is not resolved");
        }
        int mtu = Math.max(settings.tunMtu(), MIN_MTU);
        if (device != null && device.mtu() != mtu) {
            undoNetwork();
            closeDevice();
        }
        boolean opened = false;
        if (device == null) {
            device = opener.open(mtu);
            opened = true;
        }
        HostNetworkRequests.Built built;
        try {
            TunnelSettings sized = settings.tunMtu() == mtu ? settings : withMtu(settings, mtu);
            built = HostNetworkRequests.build(device.name(), sized, routing, server.getAddress(), guard);
        } catch (IllegalArgumentException e) {
            if (opened) {
                closeDevice();
            }
            throw new IOException("the tunnel settings cannot be applied: " + e.getMessage(), e);
        }
        if (applied != null && built.request().equals(appliedRequest)) {
            report.accept("reconnected with the same settings: keeping " + device.name() + " and its routes");
            return device;
        }
        if (applied != null) {
            report.accept("the settings changed: taking back the previous network changes");
            undoNetwork();
        }
        built.notes().forEach(note -> report.accept("note: " + note));
        try {
            applied = network.apply(built.request());
            appliedRequest = built.request();
        } catch (NetworkChangeException e) {
            closeDevice();
            throw new IOException(e.getMessage(), e);
        }
        report.accept(device.name() + " is up (MTU " + mtu + "), " + applied.plan().changes().size()
                + " network changes applied (undo journal " + network.journal().file() + ")");
        applied.plan().notes().forEach(note -> report.accept("note: " + note));
        return device;
    }

    /**
     * Before an attempt to another server than the live network was made for (failover to the next
     * remote), takes the network changes back: a full tunnel's routes would otherwise carry that
     * server's packets into the tunnel of the session that just ended. The device stays open.
     */
    @Override
    public synchronized void connecting(InetSocketAddress server) {
        if (applied != null && !server.isUnresolved()
                && !appliedRequest.serverAddresses().contains(server.getAddress())) {
            report.accept("connecting to another server (" + server.getAddress().getHostAddress()
                    + "): taking back the previous network changes first");
            undoNetwork();
        }
    }

    /** The IPv6 leak guard setting this provider was made with (a profile's {@code block-ipv6} still forces it on). */
    public Ipv6LeakGuard guard() {
        return guard;
    }

    /** The device's name while one is open. */
    public synchronized java.util.Optional<String> deviceName() {
        return java.util.Optional.ofNullable(device).map(TunDevice::name);
    }

    /** Undoes the network changes and closes the device; later calls do nothing. */
    @Override
    public synchronized void release() {
        released = true;
        undoNetwork();
        closeDevice();
    }

    private void undoNetwork() {
        if (applied == null) {
            return;
        }
        RestoreReport undone = applied.undo();
        applied = null;
        appliedRequest = null;
        if (undone.complete()) {
            report.accept("network changes taken back");
        } else {
            report.accept("some network changes could not be taken back (the journal is kept; run"
                    + " `corridor net restore`):");
            undone.describe().forEach(report);
            LOG.warn("incomplete network undo: {}", undone.describe());
        }
    }

    private void closeDevice() {
        if (device != null) {
            device.close();
            device = null;
        }
    }

    private static TunnelSettings withMtu(TunnelSettings s, int mtu) {
        return new TunnelSettings(s.ipv4Address(), s.ipv4Netmask(), s.topology(), s.gateway(), s.ipv6Address(),
                s.routes(), s.routesIpv6(), s.redirectGateway(), s.dnsServers(), s.searchDomains(), s.cipher(),
                s.keyDerivation(), s.peerId(), s.pingSeconds(), s.pingRestartSeconds(), mtu, s.banner(),
                s.pushedOptions(), s.sessionEnd());
    }
}

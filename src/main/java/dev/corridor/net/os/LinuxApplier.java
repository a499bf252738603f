package dev.corridor.net.os;

import dev.corridor.net.Addresses;
import dev.corridor.net.CommandRunner;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.NetworkApplier;
import dev.corridor.net.NetworkChange;
import dev.corridor.net.NetworkChangeException;
import dev.corridor.net.Route;
import dev.corridor.net.Undo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux: links, addresses and routes through rtnetlink (a NETLINK_ROUTE socket in this process),
 * DNS through systemd-resolved ({@code resolvectl}) when it runs and otherwise by replacing
 * {@code /etc/resolv.conf}.
 *
 * <p>Why netlink and not iproute2's {@code ip}: connect time. Each {@code ip} is a process spawned
 * from the JVM (about 3 ms each on a quiet machine, more under load) and a connect needed seven of
 * them plus as many again on disconnect; a netlink request and its acknowledgement take
 * microseconds. The kernel's errno tells "already gone" apart from real failures without reading
 * error texts, and undo steps are journaled as data ({@link Undo.RemoveRoute} ...) that a person
 * can still read. What {@code ip} gave for free is now ours to keep right: the message encoding
 * ({@link RtnetlinkRequests}, {@link RtnetlinkReplies}, unit-tested on byte fixtures) and the
 * request/acknowledgement protocol ({@link RtnetlinkChannel}). There is no {@code ip} fallback:
 * {@code ip} itself needs the same netlink socket, and the JNA this needs is the TUN device's too.
 * Journals written before (version 1) still restore by running their {@code ip} commands.
 *
 * <p>One socket per batch: the snapshot's four dumps share one, each change and each undo step
 * opens its own (a socket costs a few microseconds and the applier has no close).
 */
public final class LinuxApplier implements NetworkApplier {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private final NetlinkSocket.Opener netlink;
    private final CommandRunner runner;
    private final Path resolvConf;
    private Boolean resolved;

    /**
     * @param runner     runs {@code resolvectl} (and the {@code ip} commands of version-1 journals)
     * @param resolvConf the resolver file to replace when systemd-resolved does not run
     */
    public LinuxApplier(CommandRunner runner, Path resolvConf) {
        this(NativeNetlinkSocket::open, runner, resolvConf);
    }

    /** With another way to open the netlink socket: a fake in tests, or one opened in another namespace. */
    LinuxApplier(NetlinkSocket.Opener netlink, CommandRunner runner, Path resolvConf) {
        this.netlink = netlink;
        this.runner = runner;
        this.resolvConf = resolvConf;
    }

    @Override
    public String os() {
        return "linux";
    }

    /** The kernel's random id of this boot ({@code /proc/sys/kernel/random/boot_id}); empty if unreadable. */
    @Override
    public Optional<String> bootId() {
        try {
            String id = Files.readString(BOOT_ID).trim();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public HostSnapshot snapshot() throws NetworkChangeException {
        try (RtnetlinkChannel channel = open()) {
            return NetlinkSnapshot.of(channel.dump(RtnetlinkRequests.dumpLinks()),
                    channel.dump(RtnetlinkRequests.dumpAddresses()),
                    channel.dump(RtnetlinkRequests.dumpRoutes(RtnetlinkRequests.AF_INET)),
                    channel.dump(RtnetlinkRequests.dumpRoutes(RtnetlinkRequests.AF_INET6)));
        } catch (IOException e) {
            throw new NetworkChangeException("cannot read the host network over netlink: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Undo> undoFor(NetworkChange change) throws NetworkChangeException {
        if (change instanceof NetworkChange.ConfigureLink link) {
            RtnetlinkReplies.Link before;
            try (RtnetlinkChannel channel = open()) {
                before = link(channel, link.link());
            } catch (IOException e) {
                throw new NetworkChangeException("cannot read link " + link.link() + " over netlink: "
                        + e.getMessage(), e);
            }
            return List.of(new Undo.RestoreLink(link.link(), before.mtu(), before.up()));
        }
        if (change instanceof NetworkChange.AddAddress address) {
            return List.of(new Undo.RemoveAddress(address.link(), address.address(), address.peer()));
        }
        if (change instanceof NetworkChange.AddRoute add) {
            Route route = add.route();
            return List.of(new Undo.RemoveRoute(route.destination(), route.gateway(), route.link()));
        }
        if (change instanceof NetworkChange.KeepExistingRoute keep) {
            return List.of(new Undo.Nothing("existed before Corridor: " + keep.existing()));
        }
        if (change instanceof NetworkChange.SetDns dns) {
            if (resolvedRuns()) {
                return List.of(Undo.RunCommand.of("resolvectl", "revert", dns.link()));
            }
            Undo.RestoreFile backup = SystemFiles.backup(resolvConf);
            return List.of(backup.onlyIfStill(SystemFiles.sha256(resolvConfFor(dns, backup))));
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    @Override
    public void apply(NetworkChange change) throws NetworkChangeException {
        if (change instanceof NetworkChange.ConfigureLink link) {
            send("link set dev " + link.link() + " mtu " + link.mtu() + " up",
                    channel -> RtnetlinkRequests.setLink(link.link(), link.mtu(), true));
        } else if (change instanceof NetworkChange.AddAddress address) {
            send("addr add " + describe(new Undo.RemoveAddress(address.link(), address.address(), address.peer())),
                    channel -> RtnetlinkRequests.address(true, index(channel, address.link()), address.address(),
                            address.peer()));
        } else if (change instanceof NetworkChange.AddRoute add) {
            Route route = add.route();
            send("route add " + describe(new Undo.RemoveRoute(route.destination(), route.gateway(), route.link())),
                    channel -> RtnetlinkRequests.route(true, index(channel, route.link()), route.destination(),
                            route.gateway()));
        } else if (change instanceof NetworkChange.KeepExistingRoute) {
            return; // nothing: the route is there and is not ours
        } else if (change instanceof NetworkChange.SetDns dns) {
            applyDns(dns);
        } else {
            throw new IllegalArgumentException("unknown change " + change);
        }
    }

    @Override
    public UndoResult undo(Undo undo) {
        String what;
        Request request;
        if (undo instanceof Undo.RemoveAddress address) {
            what = "addr del " + describe(address);
            request = channel -> RtnetlinkRequests.address(false, index(channel, address.link()), address.address(),
                    address.peer());
        } else if (undo instanceof Undo.RemoveRoute route) {
            what = "route del " + describe(route);
            request = channel -> RtnetlinkRequests.route(false, index(channel, route.link()), route.destination(),
                    route.gateway());
        } else if (undo instanceof Undo.RestoreLink link) {
            what = "link set dev " + link.link() + " mtu " + link.mtu() + (link.up() ? "" : " down");
            request = channel -> link.up() ? RtnetlinkRequests.setMtu(link.link(), link.mtu())
                    : RtnetlinkRequests.setLink(link.link(), link.mtu(), false);
        } else {
            return CommandUndo.run(undo, runner, LinuxApplier::alreadyGone);
        }
        try (RtnetlinkChannel channel = open()) {
            channel.change(request.build(channel));
            return new UndoResult(Outcome.UNDONE, "");
        } catch (NetlinkErrorException e) {
            if (e.alreadyGone()) {
                return new UndoResult(Outcome.ALREADY_GONE, "");
            }
            return new UndoResult(Outcome.FAILED, what + ": " + e.getMessage());
        } catch (IOException e) {
            return new UndoResult(Outcome.FAILED, what + ": " + e.getMessage());
        }
    }

    /** Builds one change request, looking up what it needs (a link's index) over the same channel. */
    @FunctionalInterface
    private interface Request {
        NetlinkMessage build(RtnetlinkChannel channel) throws IOException;
    }

    /** Sends one change on its own socket; {@code what} names it in the error, in {@code ip}'s words. */
    private void send(String what, Request request) throws NetworkChangeException {
        try (RtnetlinkChannel channel = open()) {
            channel.change(request.build(channel));
        } catch (IOException e) {
            throw new NetworkChangeException("netlink `" + what + "` failed: " + e.getMessage(), e);
        }
    }

    /**
     * How the tools that undo steps run through say "the thing to remove is not there (any more)":
     * {@code resolvectl revert} on a link that is gone, and {@code ip} in version-1 journals.
     */
    static boolean alreadyGone(String message) {
        return message.contains("Cannot find device") || message.contains("No such process")
                || message.contains("No such device") || message.contains("Cannot assign requested address")
                || message.contains("does not exist") || message.contains("Unknown interface")
                || message.contains("Failed to resolve interface")
                || message.toLowerCase(Locale.ROOT).contains("address not found");
    }

    private RtnetlinkChannel open() throws IOException {
        return new RtnetlinkChannel(netlink.open());
    }

    /** The index of the link called {@code name}; ENODEV when there is none. */
    private static int index(RtnetlinkChannel channel, String name) throws IOException {
        return link(channel, name).index();
    }

    private static RtnetlinkReplies.Link link(RtnetlinkChannel channel, String name) throws IOException {
        return RtnetlinkReplies.link(channel.get(RtnetlinkRequests.linkByName(name)));
    }

    private static String describe(Undo.RemoveAddress address) {
        return address.address() + address.peer().map(p -> " peer " + Addresses.format(p)).orElse("")
                + " dev " + address.link();
    }

    private static String describe(Undo.RemoveRoute route) {
        return route.destination() + route.gateway().map(g -> " via " + Addresses.format(g)).orElse("")
                + " dev " + route.link();
    }

    private void applyDns(NetworkChange.SetDns dns) throws NetworkChangeException {
        if (resolvedRuns()) {
            List<String> servers = new ArrayList<>(List.of("resolvectl", "dns", dns.link()));
            dns.servers().forEach(s -> servers.add(Addresses.format(s)));
            run(servers);
            List<String> domains = new ArrayList<>(List.of("resolvectl", "domain", dns.link()));
            domains.addAll(dns.domains());
            if (dns.allQueries()) {
                domains.add("~."); // routing domain: every name is looked up through the tunnel
            }
            run(domains);
            run("resolvectl", "default-route", dns.link(), Boolean.toString(dns.allQueries()));
            return;
        }
        try {
            SystemFiles.replace(resolvConf, resolvConfFor(dns, SystemFiles.backup(resolvConf)));
        } catch (IOException e) {
            throw new NetworkChangeException("cannot write " + resolvConf + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resolvConfFor(NetworkChange.SetDns dns, Undo.RestoreFile previous) {
        return ResolvConfText.render(dns.servers(), dns.domains(), dns.allQueries(), previous.content());
    }

    /** True when systemd-resolved answers; asked once per applier. */
    private boolean resolvedRuns() {
        if (resolved == null) {
            resolved = runner.run(List.of("resolvectl", "--no-pager", "status")).ok();
        }
        return resolved;
    }

    private void run(String... command) throws NetworkChangeException {
        run(List.of(command));
    }

    private void run(List<String> command) throws NetworkChangeException {
        CommandRunner.Result result = runner.run(command);
        if (!result.ok()) {
            throw new NetworkChangeException("`" + String.join(" ", command) + "` failed: " + result.message());
        }
    }
}

package dev.corridor.net.os;

import dev.corridor.net.Addresses;
import dev.corridor.net.CommandRunner;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.NetworkApplier;
import dev.corridor.net.NetworkChange;
import dev.corridor.net.NetworkChangeException;
import dev.corridor.net.Route;
import dev.corridor.net.Undo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux: links, addresses and routes through iproute2's {@code ip}, DNS through systemd-resolved
 * ({@code resolvectl}) when it runs and otherwise by replacing {@code /etc/resolv.conf}.
 *
 * <p>Why {@code ip} and not rtnetlink through JNA: the handful of changes per connection is far
 * from any performance concern; {@code ip} is on every Linux system that can run a TUN device, its
 * {@code -j} output is stable JSON, and its error texts ("No such process", "File exists") tell
 * "already gone" apart from real failures without decoding netlink error attributes. Each step is
 * also a readable command line that the journal can store and a person can rerun by hand, and tests
 * can fake the whole layer through {@link CommandRunner} (the integration test runs the same
 * commands inside a network namespace by prefixing {@code ip netns exec}).
 */
public final class LinuxApplier implements NetworkApplier {
    private final CommandRunner runner;
    private final Path resolvConf;
    private Boolean resolved;

    /**
     * @param runner     runs {@code ip} and {@code resolvectl}
     * @param resolvConf the resolver file to replace when systemd-resolved does not run
     */
    public LinuxApplier(CommandRunner runner, Path resolvConf) {
        this.runner = runner;
        this.resolvConf = resolvConf;
    }

    @Override
    public String os() {
        return "linux";
    }

    @Override
    public HostSnapshot snapshot() throws NetworkChangeException {
        String routes4 = read("ip", "-j", "-4", "route", "show", "table", "main");
        String routes6 = read("ip", "-j", "-6", "route", "show", "table", "main");
        List<HostSnapshot.HostRoute> routes = new ArrayList<>(IpJson.routes(routes4, true));
        routes.addAll(IpJson.routes(routes6, false));
        return new HostSnapshot(IpJson.defaultGateway(routes4), IpJson.defaultGateway(routes6),
                IpJson.addresses(read("ip", "-j", "addr", "show")), routes, Optional.empty());
    }

    @Override
    public List<Undo> undoFor(NetworkChange change) throws NetworkChangeException {
        if (change instanceof NetworkChange.ConfigureLink link) {
            IpJson.LinkState before = IpJson.link(read("ip", "-j", "link", "show", "dev", link.link()));
            List<Undo> undo = new ArrayList<>();
            undo.add(Undo.RunCommand.of("ip", "link", "set", "dev", link.link(), "mtu",
                    Integer.toString(before.mtu())));
            if (!before.up()) {
                undo.add(Undo.RunCommand.of("ip", "link", "set", "dev", link.link(), "down"));
            }
            return undo;
        }
        if (change instanceof NetworkChange.AddAddress address) {
            return List.of(new Undo.RunCommand(addressCommand("del", address), Optional.empty()));
        }
        if (change instanceof NetworkChange.AddRoute add) {
            return List.of(new Undo.RunCommand(routeCommand("del", add.route()), Optional.empty()));
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
            run("ip", "link", "set", "dev", link.link(), "mtu", Integer.toString(link.mtu()), "up");
        } else if (change instanceof NetworkChange.AddAddress address) {
            run(addressCommand("add", address));
        } else if (change instanceof NetworkChange.AddRoute add) {
            run(routeCommand("add", add.route()));
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
        return CommandUndo.run(undo, runner, LinuxApplier::alreadyGone);
    }

    /** iproute2's and resolvectl's words for "the thing to remove is not there (any more)". */
    static boolean alreadyGone(String message) {
        return message.contains("Cannot find device") || message.contains("No such process")
                || message.contains("No such device") || message.contains("Cannot assign requested address")
                || message.contains("does not exist") || message.contains("Unknown interface")
                || message.contains("Failed to resolve interface")
                || message.toLowerCase(Locale.ROOT).contains("address not found");
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

    private static List<String> addressCommand(String verb, NetworkChange.AddAddress change) {
        InterfaceAddress address = change.address();
        List<String> command = new ArrayList<>(List.of("ip", address.isIpv4() ? "-4" : "-6", "addr", verb,
                address.toString()));
        change.peer().ifPresent(peer -> command.addAll(List.of("peer", Addresses.format(peer))));
        command.addAll(List.of("dev", change.link()));
        return command;
    }

    private static List<String> routeCommand(String verb, Route route) {
        List<String> command = new ArrayList<>(List.of("ip", route.isIpv4() ? "-4" : "-6", "route", verb,
                route.destination().toString()));
        route.gateway().map(Addresses::format).ifPresent(g -> command.addAll(List.of("via", g)));
        command.addAll(List.of("dev", route.link()));
        return command;
    }

    private String read(String... command) throws NetworkChangeException {
        CommandRunner.Result result = runner.run(List.of(command));
        if (!result.ok()) {
            throw new NetworkChangeException("`" + String.join(" ", command) + "` failed: " + result.message());
        }
        return result.stdout();
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

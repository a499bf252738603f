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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * macOS: the utun link and its addresses through {@code ifconfig}, routes through {@code route},
 * DNS through {@code scutil}: a service key {@code State:/Network/Service/Corridor-<link>/DNS} (its
 * domains as supplemental match domains for a split tunnel), and for a full tunnel the primary
 * service's DNS is replaced and its previous value journaled.
 */
public final class MacosApplier implements NetworkApplier {
    private final CommandRunner runner;

    public MacosApplier(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String os() {
        return "macos";
    }

    @Override
    public HostSnapshot snapshot() throws NetworkChangeException {
        List<HostSnapshot.HostRoute> routes = new ArrayList<>(
                MacosText.routes(read("netstat", "-rn", "-f", "inet"), true));
        routes.addAll(MacosText.routes(read("netstat", "-rn", "-f", "inet6"), false));
        return new HostSnapshot(MacosText.gateway(runner.run(List.of("route", "-n", "get", "default")).stdout()),
                MacosText.gateway(runner.run(List.of("route", "-n", "get", "-inet6", "default")).stdout()),
                MacosText.addresses(read("ifconfig")), routes, Optional.empty());
    }

    @Override
    public List<Undo> undoFor(NetworkChange change) throws NetworkChangeException {
        if (change instanceof NetworkChange.ConfigureLink link) {
            int[] before = MacosText.mtuAndUp(read("ifconfig", link.link()));
            List<Undo> undo = new ArrayList<>();
            undo.add(Undo.RunCommand.of("ifconfig", link.link(), "mtu", Integer.toString(before[0])));
            if (before[1] == 0) {
                undo.add(Undo.RunCommand.of("ifconfig", link.link(), "down"));
            }
            return undo;
        }
        if (change instanceof NetworkChange.AddAddress address) {
            List<Undo> undo = new ArrayList<>();
            connectedRoute(address).ifPresent(r -> undo.add(new Undo.RunCommand(routeCommand("delete", r),
                    Optional.empty())));
            undo.add(Undo.RunCommand.of("ifconfig", address.link(), address.address().isIpv4() ? "inet" : "inet6",
                    Addresses.format(address.address().address()), "-alias"));
            return undo;
        }
        if (change instanceof NetworkChange.AddRoute add) {
            return List.of(new Undo.RunCommand(routeCommand("delete", add.route()), Optional.empty()));
        }
        if (change instanceof NetworkChange.KeepExistingRoute keep) {
            return List.of(new Undo.Nothing("existed before Corridor: " + keep.existing()));
        }
        if (change instanceof NetworkChange.SetDns dns) {
            List<Undo> undo = new ArrayList<>();
            undo.add(scutil("remove " + serviceKey(dns.link())));
            if (dns.allQueries()) {
                String key = primaryDnsKey();
                String before = scutilRead("show " + key);
                undo.add(before.contains("No such key") ? scutil("remove " + key)
                        : scutil(dnsDictionary(MacosText.array(before, "ServerAddresses"),
                                MacosText.array(before, "SearchDomains"), List.of(),
                                MacosText.field(before, "DomainName")) + "set " + key));
            }
            undo.add(Undo.RunCommand.of("dscacheutil", "-flushcache"));
            return undo;
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    @Override
    public void apply(NetworkChange change) throws NetworkChangeException {
        if (change instanceof NetworkChange.ConfigureLink link) {
            run(List.of("ifconfig", link.link(), "mtu", Integer.toString(link.mtu()), "up"));
        } else if (change instanceof NetworkChange.AddAddress address) {
            InterfaceAddress a = address.address();
            if (a.isIpv4()) {
                String local = Addresses.format(a.address());
                String peer = address.peer().map(Addresses::format).orElse(local);
                String mask = address.peer().isPresent() ? "255.255.255.255"
                        : Addresses.format(a.network().netmask());
                run(List.of("ifconfig", address.link(), "inet", local, peer, "netmask", mask, "alias"));
            } else {
                run(List.of("ifconfig", address.link(), "inet6", Addresses.format(a.address()), "prefixlen",
                        Integer.toString(a.bits()), "alias"));
            }
            Optional<Route> connected = connectedRoute(address);
            if (connected.isPresent()) {
                run(routeCommand("add", connected.get()));
            }
        } else if (change instanceof NetworkChange.AddRoute add) {
            run(routeCommand("add", add.route()));
        } else if (change instanceof NetworkChange.SetDns dns) {
            List<String> servers = dns.servers().stream().map(Addresses::format).toList();
            List<String> match = dns.allQueries() ? List.of() : dns.domains();
            runScutil(dnsDictionary(servers, dns.domains(), match, Optional.empty()) + "set "
                    + serviceKey(dns.link()));
            if (dns.allQueries()) {
                runScutil(dnsDictionary(servers, dns.domains(), List.of(), Optional.empty()) + "set "
                        + primaryDnsKey());
            }
            runner.run(List.of("dscacheutil", "-flushcache"));
        } else if (!(change instanceof NetworkChange.KeepExistingRoute)) {
            throw new IllegalArgumentException("unknown change " + change);
        }
    }

    @Override
    public UndoResult undo(Undo undo) {
        return CommandUndo.run(undo, runner, MacosApplier::alreadyGone);
    }

    /** A subnet address on a utun link needs its network routed onto the link; ifconfig does not add it. */
    private static Optional<Route> connectedRoute(NetworkChange.AddAddress address) {
        InterfaceAddress a = address.address();
        if (!a.isIpv4() || address.peer().isPresent() || a.network().isHost()) {
            return Optional.empty();
        }
        return Optional.of(new Route(a.network(), Optional.empty(), address.link(), Route.Purpose.SPLIT));
    }

    private static List<String> routeCommand(String verb, Route route) {
        List<String> command = new ArrayList<>(List.of("route", "-n", verb));
        if (!route.isIpv4()) {
            command.add("-inet6");
        }
        if (route.destination().isHost()) {
            command.addAll(List.of("-host", Addresses.format(route.destination().network())));
        } else {
            command.addAll(List.of("-net", route.destination().toString()));
        }
        if (route.gateway().isPresent()) {
            command.add(Addresses.format(route.gateway().get()));
        } else {
            command.addAll(List.of("-interface", route.link()));
        }
        return command;
    }

    private static String serviceKey(String link) {
        return "State:/Network/Service/Corridor-" + link + "/DNS";
    }

    private String primaryDnsKey() throws NetworkChangeException {
        String global = scutilRead("show State:/Network/Global/IPv4");
        String service = MacosText.field(global, "PrimaryService").orElseThrow(() ->
                new NetworkChangeException("macOS reports no primary network service (scutil"
                        + " State:/Network/Global/IPv4 has no PrimaryService)"));
        return "State:/Network/Service/" + service + "/DNS";
    }

    private static String dnsDictionary(List<String> servers, List<String> search, List<String> match,
            Optional<String> domainName) {
        StringBuilder script = new StringBuilder("d.init\n");
        if (!servers.isEmpty()) {
            script.append("d.add ServerAddresses * ").append(String.join(" ", servers)).append('\n');
        }
        if (!search.isEmpty()) {
            script.append("d.add SearchDomains * ").append(String.join(" ", search)).append('\n');
        }
        if (!match.isEmpty()) {
            script.append("d.add SupplementalMatchDomains * ").append(String.join(" ", match)).append('\n');
            script.append("d.add SupplementalMatchDomainsNoSearch # 1\n");
        }
        domainName.ifPresent(d -> script.append("d.add DomainName ").append(d).append('\n'));
        return script.toString();
    }

    private static Undo.RunCommand scutil(String script) {
        return new Undo.RunCommand(List.of("scutil"), Optional.of(script + "\nquit\n"));
    }

    private String scutilRead(String script) throws NetworkChangeException {
        CommandRunner.Result result = runner.run(List.of("scutil"), Optional.of(script + "\nquit\n"));
        if (!result.ok()) {
            throw new NetworkChangeException("scutil failed: " + result.message());
        }
        return result.stdout();
    }

    private void runScutil(String script) throws NetworkChangeException {
        scutilRead(script);
    }

    private String read(String... command) throws NetworkChangeException {
        CommandRunner.Result result = runner.run(List.of(command));
        if (!result.ok()) {
            throw new NetworkChangeException("`" + String.join(" ", command) + "` failed: " + result.message());
        }
        return result.stdout();
    }

    private void run(List<String> command) throws NetworkChangeException {
        CommandRunner.Result result = runner.run(command);
        if (!result.ok()) {
            throw new NetworkChangeException("`" + String.join(" ", command) + "` failed: " + result.message());
        }
    }

    /** True when the tool says the thing to remove is not there any more (some still exit 0). */
    static boolean alreadyGone(String message) {
        return message.contains("not in table") || message.contains("No such process")
                || message.contains("Can't assign requested address") || message.contains("No such key")
                || message.contains("does not exist") || message.contains("Device not configured");
    }
}

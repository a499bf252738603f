package dev.corridor.net.os;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.net.Addresses;
import dev.corridor.net.CommandRunner;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import dev.corridor.net.NetworkApplier;
import dev.corridor.net.NetworkChange;
import dev.corridor.net.NetworkChangeException;
import dev.corridor.net.Route;
import dev.corridor.net.Undo;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Windows: addresses, routes, MTU and DNS servers through {@code netsh interface ipv4|ipv6} (active
 * store only, so a reboot also forgets them); reading the routing table, addresses, MTU and the
 * DNS suffix search list through PowerShell's NetTCPIP/DnsClient cmdlets as JSON. For a full tunnel
 * the TUN interface gets metric 1 so that its resolvers win.
 */
public final class WindowsApplier implements NetworkApplier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CommandRunner runner;

    public WindowsApplier(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String os() {
        return "windows";
    }

    @Override
    public HostSnapshot snapshot() throws NetworkChangeException {
        JsonNode routes = json(powershell("Get-NetRoute -PolicyStore ActiveStore | Select-Object"
                + " DestinationPrefix,NextHop,InterfaceAlias,RouteMetric | ConvertTo-Json -Compress"));
        JsonNode addresses = json(powershell("Get-NetIPAddress | Select-Object IPAddress,PrefixLength,InterfaceAlias"
                + " | ConvertTo-Json -Compress"));
        List<HostSnapshot.HostRoute> table = new ArrayList<>();
        List<JsonNode> defaults4 = new ArrayList<>();
        List<JsonNode> defaults6 = new ArrayList<>();
        for (JsonNode route : routes) {
            IpPrefix destination = IpPrefix.parse(route.path("DestinationPrefix").asText());
            Optional<InetAddress> nextHop = nextHop(route);
            table.add(new HostSnapshot.HostRoute(destination, nextHop,
                    Optional.of(route.path("InterfaceAlias").asText())));
            if (destination.bits() == 0) {
                (destination.isIpv4() ? defaults4 : defaults6).add(route);
            }
        }
        List<HostSnapshot.LinkAddress> links = new ArrayList<>();
        for (JsonNode address : addresses) {
            String ip = address.path("IPAddress").asText().split("%")[0];
            links.add(new HostSnapshot.LinkAddress(address.path("InterfaceAlias").asText(),
                    new InterfaceAddress(Addresses.parse(ip), address.path("PrefixLength").asInt())));
        }
        Optional<HostSnapshot.Gateway> gateway4 = best(defaults4);
        return new HostSnapshot(gateway4, best(defaults6), links, table, gateway4.flatMap(this::dhcpServer));
    }

    /**
     * The DHCP server that configured the default interface, for {@code redirect-gateway bypass-dhcp}
     * (as OpenVPN does on Windows, the only OS where it keeps that route); empty when the interface
     * is configured statically or Windows does not say.
     */
    private Optional<InetAddress> dhcpServer(HostSnapshot.Gateway gateway) {
        String alias = gateway.link().replace("'", "''");
        CommandRunner.Result result = runner.run(List.of("powershell", "-NoProfile", "-NonInteractive", "-Command",
                "(Get-CimInstance Win32_NetworkAdapterConfiguration -Filter (\"DHCPEnabled=TRUE AND InterfaceIndex=\""
                        + " + (Get-NetAdapter -Name '" + alias + "').ifIndex)).DHCPServer"));
        String text = result.ok() ? result.stdout().strip() : "";
        if (text.isEmpty() || !text.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Addresses.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Undo> undoFor(NetworkChange change) throws NetworkChangeException {
        if (change instanceof NetworkChange.ConfigureLink link) {
            String mtu = powershell("(Get-NetIPInterface -InterfaceAlias '" + link.link()
                    + "' -AddressFamily IPv4).NlMtu").strip();
            if (!mtu.matches("\\d+")) {
                throw new NetworkChangeException("cannot read the MTU of " + link.link() + ": '" + mtu + "'");
            }
            return List.of(Undo.RunCommand.of("netsh", "interface", "ipv4", "set", "subinterface", link.link(),
                    "mtu=" + mtu, "store=active"));
        }
        if (change instanceof NetworkChange.AddAddress address) {
            InterfaceAddress a = address.address();
            return List.of(Undo.RunCommand.of("netsh", "interface", family(a.isIpv4()), "delete", "address",
                    (a.isIpv4() ? "name=" : "interface=") + address.link(),
                    "address=" + Addresses.format(a.address())));
        }
        if (change instanceof NetworkChange.AddRoute add) {
            return List.of(new Undo.RunCommand(routeCommand("delete", add.route()), Optional.empty()));
        }
        if (change instanceof NetworkChange.KeepExistingRoute keep) {
            return List.of(new Undo.Nothing("existed before Corridor: " + keep.existing()));
        }
        if (change instanceof NetworkChange.SetDns dns) {
            List<Undo> undo = new ArrayList<>();
            undo.add(Undo.RunCommand.of("netsh", "interface", "ipv4", "set", "dnsservers", "name=" + dns.link(),
                    "source=dhcp"));
            undo.add(Undo.RunCommand.of("netsh", "interface", "ipv6", "set", "dnsservers", "name=" + dns.link(),
                    "source=dhcp"));
            if (!dns.domains().isEmpty()) {
                String previous = powershell("(Get-DnsClientGlobalSetting).SuffixSearchList -join ','").strip();
                undo.add(powershellUndo("Set-DnsClientGlobalSetting -SuffixSearchList " + list(previous.isEmpty()
                        ? List.of() : List.of(previous.split(",")))));
            }
            if (dns.allQueries()) {
                undo.add(powershellUndo("Set-NetIPInterface -InterfaceAlias '" + dns.link()
                        + "' -AutomaticMetric Enabled"));
            }
            return undo;
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    @Override
    public void apply(NetworkChange change) throws NetworkChangeException {
        if (change instanceof NetworkChange.ConfigureLink link) {
            run(List.of("netsh", "interface", "ipv4", "set", "subinterface", link.link(), "mtu=" + link.mtu(),
                    "store=active"));
        } else if (change instanceof NetworkChange.AddAddress address) {
            InterfaceAddress a = address.address();
            if (a.isIpv4()) {
                // net30/p2p: Windows needs the peer on-link, so the /30 around both is used, as OpenVPN does
                int bits = address.peer().filter(p -> new IpPrefix(a.address(), 30).contains(p)).isPresent()
                        ? 30 : a.bits();
                run(List.of("netsh", "interface", "ipv4", "add", "address", "name=" + address.link(),
                        "address=" + Addresses.format(a.address()),
                        "mask=" + Addresses.format(new IpPrefix(a.address(), bits).netmask()), "store=active"));
            } else {
                run(List.of("netsh", "interface", "ipv6", "add", "address", "interface=" + address.link(),
                        "address=" + a, "store=active"));
            }
        } else if (change instanceof NetworkChange.AddRoute add) {
            run(routeCommand("add", add.route()));
        } else if (change instanceof NetworkChange.SetDns dns) {
            applyDns(dns);
        } else if (!(change instanceof NetworkChange.KeepExistingRoute)) {
            throw new IllegalArgumentException("unknown change " + change);
        }
    }

    @Override
    public UndoResult undo(Undo undo) {
        return CommandUndo.run(undo, runner, WindowsApplier::alreadyGone);
    }

    private void applyDns(NetworkChange.SetDns dns) throws NetworkChangeException {
        for (boolean ipv4 : new boolean[] {true, false}) {
            List<InetAddress> servers = dns.servers().stream()
                    .filter(s -> (s.getAddress().length == 4) == ipv4).toList();
            for (int i = 0; i < servers.size(); i++) {
                String address = "address=" + Addresses.format(servers.get(i));
                run(i == 0 ? List.of("netsh", "interface", family(ipv4), "set", "dnsservers", "name=" + dns.link(),
                        "source=static", address, "register=none", "validate=no")
                        : List.of("netsh", "interface", family(ipv4), "add", "dnsservers", "name=" + dns.link(),
                        address, "index=" + (i + 1), "validate=no"));
            }
        }
        if (!dns.domains().isEmpty()) {
            String previous = powershell("(Get-DnsClientGlobalSetting).SuffixSearchList -join ','").strip();
            List<String> search = new ArrayList<>(dns.domains());
            if (!dns.allQueries() && !previous.isEmpty()) {
                search.addAll(List.of(previous.split(",")));
            }
            powershell("Set-DnsClientGlobalSetting -SuffixSearchList " + list(search));
        }
        if (dns.allQueries()) {
            powershell("Set-NetIPInterface -InterfaceAlias '" + dns.link() + "' -InterfaceMetric 1");
        }
    }

    private static List<String> routeCommand(String verb, Route route) {
        List<String> command = new ArrayList<>(List.of("netsh", "interface", family(route.isIpv4()), verb, "route",
                "prefix=" + route.destination(), "interface=" + route.link()));
        route.gateway().ifPresent(g -> command.add("nexthop=" + Addresses.format(g)));
        command.add("store=active");
        return command;
    }

    private static String family(boolean ipv4) {
        return ipv4 ? "ipv4" : "ipv6";
    }

    /** A PowerShell array literal of names already checked to hold only letters, digits, '.', '-', '_'. */
    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "@()";
        }
        return "@(" + String.join(",", items.stream().map(i -> "'" + i.replace("'", "") + "'").toList()) + ")";
    }

    private static Optional<InetAddress> nextHop(JsonNode route) {
        String hop = route.path("NextHop").asText("");
        if (hop.isEmpty() || hop.equals("0.0.0.0") || hop.equals("::")) {
            return Optional.empty();
        }
        return Optional.of(Addresses.parse(hop));
    }

    private static Optional<HostSnapshot.Gateway> best(List<JsonNode> defaults) {
        return defaults.stream().min(Comparator.comparingInt(r -> r.path("RouteMetric").asInt()))
                .map(r -> new HostSnapshot.Gateway(nextHop(r), r.path("InterfaceAlias").asText()));
    }

    private static Undo.RunCommand powershellUndo(String script) {
        return new Undo.RunCommand(List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", script),
                Optional.empty());
    }

    private String powershell(String script) throws NetworkChangeException {
        CommandRunner.Result result = runner.run(List.of("powershell", "-NoProfile", "-NonInteractive", "-Command",
                script));
        if (!result.ok()) {
            throw new NetworkChangeException("PowerShell `" + script + "` failed: " + result.message());
        }
        return result.stdout();
    }

    /** ConvertTo-Json prints a single object instead of a one-element list; both become a list. */
    private static JsonNode json(String text) throws NetworkChangeException {
        try {
            JsonNode node = JSON.readTree(text.isBlank() ? "[]" : text);
            return node.isArray() ? node : JSON.createArrayNode().add(node);
        } catch (IOException e) {
            throw new NetworkChangeException("cannot read PowerShell's JSON: " + e.getMessage(), e);
        }
    }

    private void run(List<String> command) throws NetworkChangeException {
        CommandRunner.Result result = runner.run(command);
        if (!result.ok()) {
            throw new NetworkChangeException("`" + String.join(" ", command) + "` failed: " + result.message());
        }
    }

    /** True when the tool says the thing to remove is not there any more (some still exit 0). */
    static boolean alreadyGone(String message) {
        return message.contains("Element not found") || message.contains("cannot find")
                || message.contains("No MSFT_") || message.contains("not found");
    }
}

package dev.corridor.client;

import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.net.TunnelNetworkRequest;
import dev.corridor.profile.Routing;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the host-network request for a tunnel from what the server pushed and what the profile
 * says for itself: pushed settings first, then the profile's own {@code route}, {@code route-ipv6},
 * {@code ifconfig-ipv6}, {@code redirect-gateway}, {@code dhcp-option} and {@code block-ipv6} lines.
 *
 * <pre>
 *   pushed routes (unless route-nopull) + profile routes ─► routes
 *   pushed ifconfig-ipv6, else the profile's             ─► IPv6 address (+ peer)
 *   pushed redirect-gateway flags ∪ the profile's        ─► full tunnel or not
 *   pushed DNS/DOMAIN + profile dhcp-option              ─► resolver
 *   block-ipv6 in the profile                            ─► IPv6 leak guard ALWAYS
 * </pre>
 */
public final class HostNetworkRequests {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The request and what of the profile could not be honoured (for the user). */
    public record Built(TunnelNetworkRequest request, List<String> notes) {
        public Built {
            notes = List.copyOf(notes);
        }
    }

    private HostNetworkRequests() {}

    /**
     * @param link     the TUN device's name
     * @param settings what the server pushed
     * @param routing  the profile's own routing lines
     * @param server   the VPN server's address in use
     * @param guard    the IPv6 leak guard setting
     * @throws IllegalArgumentException when a pushed or profile value is unusable (the message says which)
     */
    public static Built build(String link, TunnelSettings settings, Routing routing, InetAddress server,
            Ipv6LeakGuard guard) {
        List<String> notes = new ArrayList<>();
        TunnelNetworkRequest.Builder builder = TunnelNetworkRequest.builder(link, settings.tunMtu())
                .ipv4(settings.ipv4Address(), settings.ipv4Netmask(), settings.topology(), settings.gateway());
        if (settings.ipv6Address().isPresent()) {
            builder.ipv6(settings.ipv6Address().get());
        } else if (routing.ifconfigIpv6().isPresent()) {
            Routing.Ifconfig6 own = routing.ifconfigIpv6().get();
            builder.ipv6(own.address().contains("/") ? own.address() : own.address() + "/64");
            builder.ipv6Gateway(own.remote());
        }
        if (routing.routeNoPull()) {
            if (!settings.routes().isEmpty() || !settings.routesIpv6().isEmpty()) {
                notes.add("route-nopull: the " + (settings.routes().size() + settings.routesIpv6().size())
                        + " pushed route(s) are ignored");
            }
        } else {
            builder.routes(settings.routes());
            builder.routesIpv6(settings.routesIpv6());
        }
        for (Routing.Route route : routing.routes()) {
            ownRoute(builder, route, notes);
        }
        List<String> own6 = new ArrayList<>();
        for (Routing.Route6 route : routing.routesIpv6()) {
            if (route.gateway().isPresent()) {
                notes.add("route-ipv6 " + route.prefix() + " (line " + route.line()
                        + "): the gateway is ignored, the route goes into the tunnel");
            }
            own6.add(route.prefix());
        }
        builder.routesIpv6(own6);
        Set<String> redirect = new LinkedHashSet<>(settings.redirectGateway());
        routing.redirectGateway().ifPresent(flags -> {
            redirect.addAll(flags);
            if (flags.isEmpty()) {
                redirect.add("def1"); // a bare redirect-gateway line
            }
        });
        builder.redirectGateway(List.copyOf(redirect));
        List<String> dns = new ArrayList<>(settings.dnsServers());
        List<String> domains = new ArrayList<>(settings.searchDomains());
        for (Routing.DhcpOption option : routing.dhcpOptions()) {
            String type = option.type().toUpperCase(Locale.ROOT);
            if ((type.equals("DNS") || type.equals("DNS6")) && !dns.contains(option.value().orElseThrow())) {
                dns.add(option.value().orElseThrow());
            } else if ((type.equals("DOMAIN") || type.equals("DOMAIN-SEARCH"))
                    && !domains.contains(option.value().orElseThrow())) {
                domains.add(option.value().orElseThrow());
            }
        }
        builder.dnsServers(dns).searchDomains(domains);
        builder.serverAddresses(List.of(server));
        builder.ipv6LeakGuard(routing.blockIpv6() ? Ipv6LeakGuard.ALWAYS : guard);
        return new Built(builder.build(), notes);
    }

    private static void ownRoute(TunnelNetworkRequest.Builder builder, Routing.Route route, List<String> notes) {
        String where = "route " + route.network() + " " + route.netmask() + " (line " + route.line() + ")";
        if (!IPV4.matcher(route.network()).matches()) {
            notes.add(where + " is not applied: only IPv4 networks are supported, not host names or keywords");
            return;
        }
        Optional<String> gateway = route.gateway();
        if (gateway.isPresent() && gateway.get().equals("vpn_gateway")) {
            gateway = Optional.empty();
        }
        if (gateway.isPresent() && !IPV4.matcher(gateway.get()).matches()) {
            notes.add(where + " is not applied: gateway " + gateway.get() + " is not supported");
            return;
        }
        builder.route(route.network() + "/" + route.netmask(), gateway);
    }
}

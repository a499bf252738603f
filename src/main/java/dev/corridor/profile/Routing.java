package dev.corridor.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Routes, DNS options and filters that the profile sets for itself (the server pushes more).
 *
 * @param routes          IPv4 {@code route} lines
 * @param routesIpv6      {@code route-ipv6} lines
 * @param ifconfigIpv6    local IPv6 address and peer, e.g. the AWS leak-protection trick
 * @param redirectGateway flags of {@code redirect-gateway}, empty when absent
 * @param blockIpv6       {@code block-ipv6}
 * @param routeNoPull     {@code route-nopull}: ignore pushed routes
 * @param routeGateway    {@code route-gateway}
 * @param routeMetric     {@code route-metric}
 * @param dhcpOptions     {@code dhcp-option} lines
 * @param pullFilters     {@code pull-filter} rules in order; the first match decides
 */
public record Routing(List<Route> routes, List<Route6> routesIpv6, Optional<Ifconfig6> ifconfigIpv6,
        Optional<Set<String>> redirectGateway, boolean blockIpv6, boolean routeNoPull, Optional<String> routeGateway,
        OptionalInt routeMetric, List<DhcpOption> dhcpOptions, List<PullFilter> pullFilters) {

    public Routing {
        routes = List.copyOf(routes);
        routesIpv6 = List.copyOf(routesIpv6);
        redirectGateway = redirectGateway.map(Set::copyOf);
        dhcpOptions = List.copyOf(dhcpOptions);
        pullFilters = List.copyOf(pullFilters);
    }

    /** {@code route network [netmask] [gateway] [metric]}. */
    public record Route(String network, String netmask, Optional<String> gateway, OptionalInt metric, int line) {}

    /** {@code route-ipv6 prefix/bits [gateway] [metric]}. */
    public record Route6(String prefix, Optional<String> gateway, OptionalInt metric, int line) {}

    /** {@code ifconfig-ipv6 address/bits remote}. */
    public record Ifconfig6(String address, String remote) {}

    /** {@code dhcp-option TYPE [value]}, e.g. DNS 10.0.0.2 or DOMAIN corp.example. */
    public record DhcpOption(String type, Optional<String> value) {}

    /** {@code pull-filter accept|ignore|reject "prefix"}. */
    public record PullFilter(Action action, String prefix) {
        /** What a matching pushed option does. */
        public enum Action { ACCEPT, IGNORE, REJECT }

        public PullFilter {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(prefix, "prefix");
        }

        /** True when a pushed option line starts with this filter's text. */
        public boolean matches(String pushedOption) {
            return pushedOption.startsWith(prefix);
        }
    }
}

package dev.corridor.net.os;

import dev.corridor.net.HostSnapshot;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the four rtnetlink dumps (links, addresses, IPv4 routes, IPv6 routes) into the
 * {@link HostSnapshot} the planner reads; no I/O. Keeps what {@code ip route show table main} shows:
 * routes of the main table, not the kernel's cached clones; the default gateway is the unicast
 * default route with an output link and the lowest metric.
 */
final class NetlinkSnapshot {
    private NetlinkSnapshot() {}

    static HostSnapshot of(List<NetlinkMessage> links, List<NetlinkMessage> addresses,
            List<NetlinkMessage> routes4, List<NetlinkMessage> routes6) throws NetlinkFormatException {
        Map<Integer, String> names = new HashMap<>();
        for (NetlinkMessage message : links) {
            RtnetlinkReplies.Link link = RtnetlinkReplies.link(message);
            names.put(link.index(), link.name());
        }
        List<HostSnapshot.LinkAddress> linkAddresses = new ArrayList<>();
        for (NetlinkMessage message : addresses) {
            Optional<RtnetlinkReplies.Address> address = RtnetlinkReplies.address(message);
            if (address.isPresent()) {
                linkAddresses.add(new HostSnapshot.LinkAddress(name(names, address.get().index()),
                        new InterfaceAddress(address.get().local(), address.get().prefixLength())));
            }
        }
        List<RtnetlinkReplies.RouteEntry> main4 = mainTable(routes4, RtnetlinkRequests.AF_INET);
        List<RtnetlinkReplies.RouteEntry> main6 = mainTable(routes6, RtnetlinkRequests.AF_INET6);
        List<HostSnapshot.HostRoute> routes = new ArrayList<>();
        for (RtnetlinkReplies.RouteEntry route : main4) {
            routes.add(hostRoute(route, names));
        }
        for (RtnetlinkReplies.RouteEntry route : main6) {
            routes.add(hostRoute(route, names));
        }
        return new HostSnapshot(defaultGateway(main4, names), defaultGateway(main6, names), linkAddresses, routes,
                Optional.empty());
    }

    private static List<RtnetlinkReplies.RouteEntry> mainTable(List<NetlinkMessage> messages, int family)
            throws NetlinkFormatException {
        List<RtnetlinkReplies.RouteEntry> routes = new ArrayList<>();
        for (NetlinkMessage message : messages) {
            Optional<RtnetlinkReplies.RouteEntry> route = RtnetlinkReplies.route(message);
            if (route.isPresent() && route.get().family() == family
                    && route.get().table() == RtnetlinkRequests.RT_TABLE_MAIN
                    && (route.get().flags() & RtnetlinkReplies.RTM_F_CLONED) == 0) {
                routes.add(route.get());
            }
        }
        return routes;
    }

    private static HostSnapshot.HostRoute hostRoute(RtnetlinkReplies.RouteEntry route, Map<Integer, String> names) {
        return new HostSnapshot.HostRoute(new IpPrefix(route.destination(), route.destinationLength()),
                route.gateway(), route.outputIndex().map(index -> name(names, index)));
    }

    private static Optional<HostSnapshot.Gateway> defaultGateway(List<RtnetlinkReplies.RouteEntry> routes,
            Map<Integer, String> names) {
        return routes.stream()
                .filter(r -> r.destinationLength() == 0 && r.type() == RtnetlinkRequests.RTN_UNICAST
                        && r.outputIndex().isPresent())
                .min(Comparator.comparingLong(RtnetlinkReplies.RouteEntry::metric))
                .map(r -> new HostSnapshot.Gateway(r.gateway(), name(names, r.outputIndex().get())));
    }

    /** A link's name; an index the link dump did not list (it appeared meanwhile) is shown as {@code if<N>}. */
    private static String name(Map<Integer, String> names, int index) {
        return names.getOrDefault(index, "if" + index);
    }
}

package dev.corridor.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** One step of a {@link NetworkPlan}: a single change to the host network that can be undone on its own. */
public sealed interface NetworkChange {

    /** A one-line description for reports and the journal. */
    String describe();

    /** Set the link's MTU and bring it up. */
    record ConfigureLink(String link, int mtu) implements NetworkChange {
        public ConfigureLink {
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String describe() {
            return "link " + link + " up, mtu " + mtu;
        }
    }

    /** Add an address to the link; {@code peer} is the far end on a point-to-point link. */
    record AddAddress(String link, InterfaceAddress address, Optional<InetAddress> peer) implements NetworkChange {
        public AddAddress {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public String describe() {
            return "address " + address + peer.map(p -> " peer " + Addresses.format(p)).orElse("") + " on " + link;
        }
    }

    /** Add a route. */
    record AddRoute(Route route) implements NetworkChange {
        public AddRoute {
            Objects.requireNonNull(route, "route");
        }

        @Override
        public String describe() {
            return "route " + route;
        }
    }

    /**
     * A route the plan wants that already existed before Corridor: nothing is applied, and the journal
     * records it so that undo leaves it alone.
     */
    record KeepExistingRoute(Route route, HostSnapshot.HostRoute existing) implements NetworkChange {
        public KeepExistingRoute {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(existing, "existing");
        }

        @Override
        public String describe() {
            return "route " + route.destination() + " already exists (" + existing + "); left as it is";
        }
    }

    /**
     * Use the tunnel's resolvers: {@code allQueries} (full tunnel) sends every query to them, otherwise
     * only names under the search domains must go there.
     */
    record SetDns(String link, List<InetAddress> servers, List<String> domains, boolean allQueries)
            implements NetworkChange {
        public SetDns {
            Objects.requireNonNull(link, "link");
            servers = List.copyOf(servers);
            domains = List.copyOf(domains);
        }

        @Override
        public String describe() {
            return "DNS " + servers.stream().map(Addresses::format).collect(Collectors.joining(" "))
                    + (domains.isEmpty() ? "" : ", search " + String.join(" ", domains))
                    + (allQueries ? ", all queries" : ", split") + " on " + link;
        }
    }
}

package dev.corridor.protocol.message;

import dev.corridor.logging.Secret;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The settings a server pushed, read into types (protocol.md §6.2, §7.3, §9): addresses, routes,
 * DNS, timers, data-channel parameters and the session token. Produced by
 * {@link PushOptionsParser}; options it does not know are kept in {@link #unknown()}, options a
 * pull-filter dropped in {@link #ignoredByFilter()}, and options it could not read are described
 * in {@link #problems()}. Later occurrences of single-valued options replace earlier ones; routes,
 * DNS servers and echo lines accumulate.
 */
public record PushOptions(Addressing addressing, Routes routes, Dns dns, Timers timers, DataChannel dataChannel,
        Session session, List<String> unknown, List<String> ignoredByFilter, List<String> problems) {

    public PushOptions {
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(dataChannel, "dataChannel");
        Objects.requireNonNull(session, "session");
        unknown = List.copyOf(unknown);
        ignoredByFilter = ignoredByFilter.stream().map(ControlMessage.PushReply::redacted).toList();
        problems = List.copyOf(problems);
    }

    /**
     * The tunnel's own addresses.
     *
     * @param topology     {@code topology}; when absent, 2.6 servers mean net30
     * @param ifconfig     {@code ifconfig local netmask} (subnet) or {@code ifconfig local remote} (net30, p2p)
     * @param ifconfigIpv6 {@code ifconfig-ipv6 address/bits [remote]}
     * @param blockIpv6    {@code block-ipv6}: answer IPv6 from the TUN locally, never send it
     */
    public record Addressing(Optional<Topology> topology, Optional<Ifconfig> ifconfig,
            Optional<Ifconfig6> ifconfigIpv6, boolean blockIpv6) {}

    /** {@code topology} values. */
    public enum Topology { NET30, P2P, SUBNET }

    /** {@code ifconfig}: the second address is a netmask in topology subnet, the peer otherwise. */
    public record Ifconfig(Ipv4Address local, Ipv4Address netmaskOrRemote) {}

    /** {@code ifconfig-ipv6 address/prefixLength [remote]}. */
    public record Ifconfig6(Ipv6Address address, int prefixLength, Optional<Ipv6Address> remote) {}

    /**
     * Routes and default-gateway handling.
     *
     * @param ipv4            {@code route} lines in order
     * @param ipv6            {@code route-ipv6} lines in order
     * @param gateway         {@code route-gateway}
     * @param metric          {@code route-metric}
     * @param redirectGateway {@code redirect-gateway} flags, empty set for a bare directive; absent when not pushed
     * @param redirectPrivate {@code redirect-private} flags, likewise
     */
    public record Routes(List<Route> ipv4, List<Route6> ipv6, Optional<RouteGateway> gateway, OptionalInt metric,
            Optional<Set<RedirectFlag>> redirectGateway, Optional<Set<RedirectFlag>> redirectPrivate) {
        public Routes {
            ipv4 = List.copyOf(ipv4);
            ipv6 = List.copyOf(ipv6);
            redirectGateway = redirectGateway.map(Routes::copyFlags);
            redirectPrivate = redirectPrivate.map(Routes::copyFlags);
        }

        private static Set<RedirectFlag> copyFlags(Set<RedirectFlag> flags) {
            return Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(RedirectFlag.class) : EnumSet.copyOf(flags));
        }
    }

    /** A route network or gateway: an address or one of OpenVPN's keywords. */
    public sealed interface RouteAddress permits RouteAddress.Literal, RouteAddress.Keyword {
        /** An IPv4 address. */
        record Literal(Ipv4Address address) implements RouteAddress {
            @Override
            public String toString() {
                return address.toString();
            }
        }

        /** {@code vpn_gateway}, {@code net_gateway} or {@code remote_host}. */
        record Keyword(RouteKeyword keyword) implements RouteAddress {
            @Override
            public String toString() {
                return keyword.word();
            }
        }
    }

    /** The special words a route may use instead of an address. */
    public enum RouteKeyword {
        /** The tunnel's gateway (route-gateway, or the ifconfig remote in net30). */
        VPN_GATEWAY("vpn_gateway"),
        /** The host's original default gateway. */
        NET_GATEWAY("net_gateway"),
        /** The VPN server's address. */
        REMOTE_HOST("remote_host");

        private final String word;

        RouteKeyword(String word) {
            this.word = word;
        }

        /** The word in the option. */
        public String word() {
            return word;
        }
    }

    /**
     * {@code route network [netmask] [gateway] [metric]}; netmask defaults to 255.255.255.255, an
     * absent (or {@code default}) gateway means route-gateway.
     */
    public record Route(RouteAddress network, Ipv4Address netmask, Optional<RouteAddress> gateway,
            OptionalInt metric) {}

    /** {@code route-ipv6 network/prefixLength [gateway] [metric]}. */
    public record Route6(Ipv6Address network, int prefixLength, Optional<Ipv6Address> gateway, OptionalInt metric) {}

    /** {@code route-gateway address} or {@code route-gateway dhcp} (empty address). */
    public record RouteGateway(Optional<Ipv4Address> address) {
        /** True for {@code route-gateway dhcp}. */
        public boolean dhcp() {
            return address.isEmpty();
        }
    }

    /** Flags of {@code redirect-gateway} / {@code redirect-private}. */
    public enum RedirectFlag {
        DEF1("def1"), LOCAL("local"), AUTOLOCAL("autolocal"), BYPASS_DHCP("bypass-dhcp"), BYPASS_DNS("bypass-dns"),
        BLOCK_LOCAL("block-local"), IPV6("ipv6"), NOT_IPV4("!ipv4");

        private final String word;

        RedirectFlag(String word) {
            this.word = word;
        }

        /** The word in the option. */
        public String word() {
            return word;
        }

        static Optional<RedirectFlag> fromWord(String word) {
            for (RedirectFlag flag : values()) {
                if (flag.word.equals(word)) {
                    return Optional.of(flag);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * DNS settings from {@code dhcp-option}.
     *
     * @param servers       DNS with an IPv4 address
     * @param ipv6Servers   DNS6, or DNS with an IPv6 address (as 2.5+ reads it)
     * @param domains       DOMAIN
     * @param searchDomains DOMAIN-SEARCH
     * @param other         every other dhcp-option (WINS, NTP, DISABLE-NBT, ...), kept as given
     */
    public record Dns(List<Ipv4Address> servers, List<Ipv6Address> ipv6Servers, List<String> domains,
            List<String> searchDomains, List<DhcpOption> other) {
        public Dns {
            servers = List.copyOf(servers);
            ipv6Servers = List.copyOf(ipv6Servers);
            domains = List.copyOf(domains);
            searchDomains = List.copyOf(searchDomains);
            other = List.copyOf(other);
        }
    }

    /** A {@code dhcp-option TYPE [value]} this class does not interpret. */
    public record DhcpOption(String type, Optional<String> value) {}

    /**
     * Liveness timers.
     *
     * @param ping               {@code ping n}: send a ping after n seconds without sending
     * @param pingRestart        {@code ping-restart n}: restart after n seconds without receiving
     * @param pingExit           {@code ping-exit n}
     * @param inactive           {@code inactive n [bytes]}
     * @param explicitExitNotify {@code explicit-exit-notify [n]} (n defaults to 1)
     */
    public record Timers(OptionalInt ping, OptionalInt pingRestart, OptionalInt pingExit, Optional<Inactive> inactive,
            OptionalInt explicitExitNotify) {}

    /** {@code inactive seconds [bytes]}. */
    public record Inactive(int seconds, OptionalLong bytes) {}

    /**
     * Data-channel parameters.
     *
     * @param cipher             {@code cipher}: the NCP result
     * @param peerId             {@code peer-id}: use DATA_V2 with this id (0..0xFFFFFF)
     * @param protocolFlags      {@code protocol-flags}
     * @param keyDerivationTlsEkm {@code key-derivation tls-ekm}
     * @param tunMtu             {@code tun-mtu}
     * @param compression        {@code compress} / {@code comp-lzo}
     */
    public record DataChannel(Optional<String> cipher, OptionalInt peerId, Set<ProtocolFlag> protocolFlags,
            boolean keyDerivationTlsEkm, OptionalInt tunMtu, Optional<Compression> compression) {
        public DataChannel {
            protocolFlags = Collections.unmodifiableSet(
                    protocolFlags.isEmpty() ? EnumSet.noneOf(ProtocolFlag.class) : EnumSet.copyOf(protocolFlags));
        }

        /** True when keys come from the TLS exporter: {@code key-derivation tls-ekm} or {@code protocol-flags tls-ekm}. */
        public boolean usesTlsEkm() {
            return keyDerivationTlsEkm || protocolFlags.contains(ProtocolFlag.TLS_EKM);
        }
    }

    /** Words of {@code protocol-flags}. */
    public enum ProtocolFlag {
        CC_EXIT("cc-exit"), TLS_EKM("tls-ekm"), DYN_TLS_CRYPT("dyn-tls-crypt"), AEAD_EPOCH("aead-epoch");

        private final String word;

        ProtocolFlag(String word) {
            this.word = word;
        }

        /** The word in the option. */
        public String word() {
            return word;
        }

        static Optional<ProtocolFlag> fromWord(String word) {
            for (ProtocolFlag flag : values()) {
                if (flag.word.equals(word)) {
                    return Optional.of(flag);
                }
            }
            return Optional.empty();
        }
    }

    /** {@code compress [algorithm]} or {@code comp-lzo [mode]}, as pushed. */
    public record Compression(String directive, Optional<String> argument) {}

    /**
     * The login session.
     *
     * @param authToken     {@code auth-token}: send it as the password from now on (secret)
     * @param authTokenUser {@code auth-token-user}, base64-decoded: the username to pair with the token
     * @param echo          {@code echo} lines, arguments joined by one space ("" for a bare echo); UI text
     */
    public record Session(Optional<Secret> authToken, Optional<String> authTokenUser, List<String> echo) {
        public Session {
            Objects.requireNonNull(authToken, "authToken");
            Objects.requireNonNull(authTokenUser, "authTokenUser");
            echo = List.copyOf(echo);
        }
    }
}

package dev.corridor.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the server configured for this tunnel (from PUSH_REPLY), in plain values the window, the CLI
 * and the host-network code can use without knowing the protocol.
 *
 * @param ipv4Address     our tunnel address
 * @param ipv4Netmask     netmask (topology subnet) or the peer address (net30/p2p)
 * @param topology        subnet, net30 or p2p
 * @param gateway         the tunnel gateway (route-gateway, or the net30 peer)
 * @param ipv6Address     our IPv6 tunnel address with prefix length, if pushed
 * @param routes          IPv4 routes as {@code network/netmask}
 * @param routesIpv6      IPv6 routes as {@code prefix/bits}
 * @param redirectGateway redirect-gateway flags, empty when not pushed
 * @param dnsServers      DNS servers (IPv4 and IPv6)
 * @param searchDomains   DOMAIN / DOMAIN-SEARCH values
 * @param cipher          the negotiated data cipher
 * @param keyDerivation   "tls-ekm" or "prf"
 * @param peerId          the pushed peer id, if any (DATA_V2)
 * @param pingSeconds     keepalive interval
 * @param pingRestartSeconds reconnect after this long without hearing from the server
 * @param tunMtu          pushed or profile tun-mtu
 * @param banner          text of pushed {@code echo} lines and INFO messages for the login banner
 * @param pushedOptions   the PUSH_REPLY options as received, auth-token redacted
 * @param sessionEnd      when the server will end the session (maximum session duration), if it told us:
 *                        Corridor's {@code setenv-safe CORRIDOR_SESSION_SECONDS_LEFT}, read at receipt
 */
public record TunnelSettings(String ipv4Address, String ipv4Netmask, String topology, Optional<String> gateway,
        Optional<String> ipv6Address, List<String> routes, List<String> routesIpv6, List<String> redirectGateway,
        List<String> dnsServers, List<String> searchDomains, String cipher, String keyDerivation, OptionalInt peerId,
        int pingSeconds, int pingRestartSeconds, int tunMtu, List<String> banner, List<String> pushedOptions,
        Optional<Instant> sessionEnd) {
    public TunnelSettings {
        routes = List.copyOf(routes);
        routesIpv6 = List.copyOf(routesIpv6);
        redirectGateway = List.copyOf(redirectGateway);
        dnsServers = List.copyOf(dnsServers);
        searchDomains = List.copyOf(searchDomains);
        banner = List.copyOf(banner);
        pushedOptions = List.copyOf(pushedOptions);
        Objects.requireNonNull(sessionEnd, "sessionEnd");
    }
}

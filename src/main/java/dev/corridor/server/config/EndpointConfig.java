package dev.corridor.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the AWS Client VPN administrator guide lets an administrator set on an endpoint, as
 * read from {@code endpoint.json} by {@link EndpointConfigFile}. Relative paths are relative to the
 * folder holding {@code endpoint.json}; {@link #resolve} turns them into usable paths.
 *
 * <p>Values built by {@link EndpointConfigReader} satisfy every rule of the guide (client CIDR /22
 * to /12, port 443 or 1194, at most two DNS servers, ...); the constructor itself only checks for
 * missing values, so that the reader can report every problem with its JSON path at once.
 *
 * @param endpointId           the endpoint's id, {@code cvpn-endpoint-} and 17 hex digits
 * @param clientCidr           the network client addresses are taken from
 * @param transport            UDP or TCP
 * @param port                 443 or 1194
 * @param serverCertificate    the server certificate and key
 * @param authentication       how clients authenticate
 * @param dnsServers           at most two DNS servers pushed to clients
 * @param splitTunnel          push only the route table's routes instead of redirecting all traffic
 * @param routes               the route table
 * @param authorizationRules   who may reach which network
 * @param clientToClient       whether clients may reach each other (still subject to the rules)
 * @param crlFile              the certificate revocation list, if any
 * @param clientConnectHandler the client connect handler
 * @param connectionLog        connection logging
 * @param maxSessionHours      the maximum session duration: 8, 10, 12 or 24 hours
 * @param loginBanner          the client login banner
 * @param selfServicePortal    whether the self-service portal is on
 * @param metrics              the local metrics endpoint (not an AWS setting: CloudWatch's stand-in)
 * @param portal               where the self-service portal listens and what it offers (used when it is on)
 */
public record EndpointConfig(String endpointId, Ipv4Cidr clientCidr, TransportProtocol transport, int port,
        ServerCertificateFiles serverCertificate, AuthenticationOptions authentication,
        List<Ipv4Address> dnsServers, boolean splitTunnel, List<Route> routes,
        List<AuthorizationRule> authorizationRules, boolean clientToClient, Optional<Path> crlFile,
        ClientConnectHandler clientConnectHandler, ConnectionLogOptions connectionLog, int maxSessionHours,
        LoginBanner loginBanner, boolean selfServicePortal, MetricsOptions metrics, PortalOptions portal) {

    /** The ports the guide allows. */
    public static final List<Integer> ALLOWED_PORTS = List.of(443, 1194);
    /** The session durations (hours) the guide allows. */
    public static final List<Integer> ALLOWED_SESSION_HOURS = List.of(8, 10, 12, 24);
    /** The default maximum session duration. */
    public static final int DEFAULT_SESSION_HOURS = 24;
    /** At most this many DNS servers. */
    public static final int MAX_DNS_SERVERS = 2;
    /** The smallest client CIDR the guide allows (/22: 1024 addresses). */
    public static final int SMALLEST_CLIENT_PREFIX = 22;
    /** The largest client CIDR the guide allows (/12). */
    public static final int LARGEST_CLIENT_PREFIX = 12;

    public EndpointConfig {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(clientCidr, "clientCidr");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(serverCertificate, "serverCertificate");
        Objects.requireNonNull(authentication, "authentication");
        dnsServers = List.copyOf(dnsServers);
        routes = List.copyOf(routes);
        authorizationRules = List.copyOf(authorizationRules);
        Objects.requireNonNull(crlFile, "crlFile");
        Objects.requireNonNull(clientConnectHandler, "clientConnectHandler");
        Objects.requireNonNull(connectionLog, "connectionLog");
        Objects.requireNonNull(loginBanner, "loginBanner");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(portal, "portal");
    }

    /** A configuration with the portal's default settings (as written before the portal section existed). */
    public EndpointConfig(String endpointId, Ipv4Cidr clientCidr, TransportProtocol transport, int port,
            ServerCertificateFiles serverCertificate, AuthenticationOptions authentication,
            List<Ipv4Address> dnsServers, boolean splitTunnel, List<Route> routes,
            List<AuthorizationRule> authorizationRules, boolean clientToClient, Optional<Path> crlFile,
            ClientConnectHandler clientConnectHandler, ConnectionLogOptions connectionLog, int maxSessionHours,
            LoginBanner loginBanner, boolean selfServicePortal, MetricsOptions metrics) {
        this(endpointId, clientCidr, transport, port, serverCertificate, authentication, dnsServers, splitTunnel,
                routes, authorizationRules, clientToClient, crlFile, clientConnectHandler, connectionLog,
                maxSessionHours, loginBanner, selfServicePortal, metrics, PortalOptions.defaults());
    }

    /** A configuration without a metrics endpoint (as written before the metrics section existed). */
    public EndpointConfig(String endpointId, Ipv4Cidr clientCidr, TransportProtocol transport, int port,
            ServerCertificateFiles serverCertificate, AuthenticationOptions authentication,
            List<Ipv4Address> dnsServers, boolean splitTunnel, List<Route> routes,
            List<AuthorizationRule> authorizationRules, boolean clientToClient, Optional<Path> crlFile,
            ClientConnectHandler clientConnectHandler, ConnectionLogOptions connectionLog, int maxSessionHours,
            LoginBanner loginBanner, boolean selfServicePortal) {
        this(endpointId, clientCidr, transport, port, serverCertificate, authentication, dnsServers, splitTunnel,
                routes, authorizationRules, clientToClient, crlFile, clientConnectHandler, connectionLog,
                maxSessionHours, loginBanner, selfServicePortal, MetricsOptions.disabled());
    }

    /** {@code path} as the server must open it: relative paths are taken from {@code configFolder}. */
    public static Path resolve(Path configFolder, Path path) {
        return configFolder.resolve(path).normalize();
    }
}

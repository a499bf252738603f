package dev.corridor.server.log;

import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the connection log says about one connection, whatever the event: who, from where, since when.
 *
 * @param connectionId              the connection's id ({@code cvpn-connection-…})
 * @param endpointId                the endpoint's id
 * @param transport                 UDP or TCP
 * @param startTime                 when the connection was established; empty for a refused attempt
 * @param clientIp                  the tunnel address from the client CIDR; empty before one is leased
 * @param commonName                the client certificate's common name (empty when there is none)
 * @param deviceType                the client's platform (IV_PLAT: linux, mac, win, ...), empty when unknown
 * @param device                    the device's public address and source port
 * @param username                  the user name with directory authentication; empty otherwise
 * @param postureComplianceStatuses the client connect handler's statuses; empty when no handler ran
 */
public record LoggedConnection(String connectionId, String endpointId, TransportProtocol transport,
        Optional<Instant> startTime, Optional<Ipv4Address> clientIp, String commonName, String deviceType,
        InetSocketAddress device, Optional<String> username, Optional<List<String>> postureComplianceStatuses) {

    public LoggedConnection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(username, "username");
        postureComplianceStatuses = postureComplianceStatuses.map(List::copyOf);
    }

    /** The same connection, established at {@code start} with tunnel address {@code address}. */
    public LoggedConnection established(Instant start, Ipv4Address address) {
        return new LoggedConnection(connectionId, endpointId, transport, Optional.of(start), Optional.of(address),
                commonName, deviceType, device, username, postureComplianceStatuses);
    }
}

package dev.corridor.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One connected client as {@code corridor server connections} lists it.
 *
 * @param connectionId    the endpoint's id for the connection ({@code cvpn-connection-...})
 * @param identity        the username, else the certificate's common name
 * @param groups          the user's directory groups
 * @param clientIp        the client's public address as the endpoint sees it
 * @param clientPort      the client's source port
 * @param tunnelAddress   the address leased from the client CIDR
 * @param connectedSince  when the tunnel came up
 * @param sessionEnds     when the maximum session duration ends it
 * @param platform        IV_PLAT, or "NA"
 * @param platformVersion IV_PLAT_VER, or "NA"
 * @param clientVersion   IV_VER (the client's OpenVPN version), or "NA"
 * @param ingressBytes    bytes the client sent to the endpoint
 * @param egressBytes     bytes the endpoint sent to the client
 * @param ingressPackets  packets the client sent
 * @param egressPackets   packets the endpoint sent
 */
public record ConnectionSummary(String connectionId, String identity, List<String> groups, String clientIp,
        int clientPort, String tunnelAddress, Instant connectedSince, Instant sessionEnds, String platform,
        String platformVersion, String clientVersion, long ingressBytes, long egressBytes, long ingressPackets,
        long egressPackets) {
    public ConnectionSummary {
        Objects.requireNonNull(connectionId, "connectionId");
        groups = List.copyOf(groups);
    }
}

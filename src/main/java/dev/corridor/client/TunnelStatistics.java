package dev.corridor.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a connection's counters for the details panel, {@code check} and logs.
 *
 * @param bytesIn          IP bytes delivered from the tunnel
 * @param bytesOut         IP bytes sent into the tunnel
 * @param packetsIn        IP packets delivered from the tunnel
 * @param packetsOut       IP packets sent into the tunnel
 * @param lastReceived     when the server was last heard from (any packet)
 * @param connectedSince   when the tunnel came up, if it is up
 * @param handshakeMillis  from the first packet sent to the tunnel being usable
 * @param cipher           the data cipher in use
 * @param tlsSummary       TLS version and suite of the control channel
 * @param dropped          packets dropped by cause (bad authentication, replay, malformed, ...)
 * @param renegotiations   completed renegotiations
 * @param roundTrip        the last measured round trip through the tunnel to its gateway, when the
 *                         probe is on ({@link ConnectOptions#roundTripProbe()}) and the gateway answers
 */
public record TunnelStatistics(long bytesIn, long bytesOut, long packetsIn, long packetsOut,
        Optional<Instant> lastReceived, Optional<Instant> connectedSince, long handshakeMillis, String cipher,
        String tlsSummary, Map<String, Long> dropped, int renegotiations, Optional<Duration> roundTrip) {
    public TunnelStatistics {
        dropped = Map.copyOf(dropped);
        Objects.requireNonNull(roundTrip, "roundTrip");
    }

    /** Statistics without a round-trip measurement. */
    public TunnelStatistics(long bytesIn, long bytesOut, long packetsIn, long packetsOut,
            Optional<Instant> lastReceived, Optional<Instant> connectedSince, long handshakeMillis, String cipher,
            String tlsSummary, Map<String, Long> dropped, int renegotiations) {
        this(bytesIn, bytesOut, packetsIn, packetsOut, lastReceived, connectedSince, handshakeMillis, cipher,
                tlsSummary, dropped, renegotiations, Optional.empty());
    }

    public static TunnelStatistics empty() {
        return new TunnelStatistics(0, 0, 0, 0, Optional.empty(), Optional.empty(), 0, "", "", Map.of(), 0);
    }
}

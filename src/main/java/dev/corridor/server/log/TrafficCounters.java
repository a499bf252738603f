package dev.corridor.server.log;

/**
 * One connection's traffic so far, as the connection log reports it. Ingress is what the endpoint
 * received from the client; egress is what it sent to the client.
 *
 * @param ingressBytes   bytes received from the client
 * @param egressBytes    bytes sent to the client
 * @param ingressPackets packets received from the client
 * @param egressPackets  packets sent to the client
 */
public record TrafficCounters(long ingressBytes, long egressBytes, long ingressPackets, long egressPackets) {
    /** No traffic yet. */
    public static final TrafficCounters ZERO = new TrafficCounters(0, 0, 0, 0);

    public TrafficCounters {
        if (ingressBytes < 0 || egressBytes < 0 || ingressPackets < 0 || egressPackets < 0) {
            throw new IllegalArgumentException("traffic counters cannot be negative");
        }
    }
}

package dev.corridor.bench.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One iperf3 UDP flood through the tunnel at a fixed payload size, sent as fast as the sender can
 * ({@code --udp --bitrate 0}), read from iperf3's JSON: the receiver's report in {@code
 * end.sum_received} counts every datagram sent ({@code packets}) and those that never arrived
 * ({@code lost_packets}), so the receiver got {@code packets - lost_packets} in {@code seconds}.
 *
 * <pre>
 *   payload 1400 B + UDP 8 + IPv4 20 = 1428 B inside the tunnel  (TUN MTU 1500: not fragmented)
 *   outer: 1428 + data-channel header/tag (~24 B) + UDP 8 + IPv4 20 ≈ 1480 B  (veth MTU 1500)
 * </pre>
 *
 * @param direction     "upload" (client sends) or "download" ({@code --reverse}, the host sends)
 * @param payloadBytes  the UDP payload of every datagram ({@code --length})
 * @param receivedPps   datagrams per second the receiver got
 * @param sentPps       datagrams per second the sender sent
 * @param lossPercent   the share of sent datagrams the receiver never got
 */
record UdpRun(String direction, int payloadBytes, double receivedPps, double sentPps, double lossPercent) {
    /** Runs {@code iperf3 --udp --bitrate 0 --length PAYLOAD} for {@code seconds} in the client namespace. */
    static UdpRun measure(int seconds, int payloadBytes, boolean download) throws IOException {
        String direction = download ? "download" : "upload";
        Commands.Result result = Commands.run(IperfRun.command(seconds, download, "--udp", "--bitrate", "0",
                "--length", Integer.toString(payloadBytes)), seconds + 30L);
        return parse(direction, payloadBytes, IperfRun.end("UDP " + payloadBytes + " B " + direction, result));
    }

    static UdpRun parse(String direction, int payloadBytes, JsonNode end) {
        JsonNode received = end.path("sum_received");
        JsonNode sent = end.path("sum_sent");
        long packets = received.path("packets").asLong();
        long lost = received.path("lost_packets").asLong();
        double seconds = received.path("seconds").asDouble();
        if (packets <= 0 || seconds <= 0) {
            throw new IllegalStateException("iperf3 UDP " + payloadBytes + " B " + direction
                    + " reported no datagrams: " + end);
        }
        return new UdpRun(direction, payloadBytes, (packets - lost) / seconds,
                sent.path("packets").asLong() / sent.path("seconds").asDouble(seconds),
                100.0 * lost / packets);
    }
}

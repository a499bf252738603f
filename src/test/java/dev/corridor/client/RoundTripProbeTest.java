package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.tun.packet.IcmpEcho;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The round-trip probe: its requests, which replies it takes out of the tunnel, and when a measurement goes stale. */
class RoundTripProbeTest {
    private static Inet4Address address(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    private static byte[] answered(byte[] request) {
        byte[] reply = request.clone();
        assertThat(IcmpEcho.answerInPlace(reply, reply.length)).isTrue();
        return reply;
    }

    @Test
    void theGatewaysReplyIsMeasuredAndKeptFromTheTun() throws Exception {
        RoundTripProbe probe = new RoundTripProbe(address("10.200.0.2"), address("10.200.0.1"), 0xbeef);
        assertThat(probe.last()).isEmpty();
        byte[] request = probe.request(1_000_000_000L);
        byte[] reply = answered(request);
        byte[] framed = new byte[reply.length + 5];
        System.arraycopy(reply, 0, framed, 5, reply.length);

        assertThat(probe.consume(framed, 5, reply.length, 1_012_500_000L)).isTrue();
        assertThat(probe.last()).contains(Duration.ofNanos(12_500_000));
        assertThat(probe.consume(framed, 5, reply.length, 1_050_000_000L)).as("a duplicate is still ours").isTrue();
        assertThat(probe.last()).as("but measures nothing").contains(Duration.ofNanos(12_500_000));
    }

    @Test
    void otherPacketsGoToTheTun() throws Exception {
        RoundTripProbe probe = new RoundTripProbe(address("10.200.0.2"), address("10.200.0.1"), 7);
        probe.request(0);
        byte[] userPing = answered(IcmpEcho.request(address("10.200.0.2"), address("10.200.0.1"), 8, 1, 16));
        assertThat(probe.consume(userPing, 0, userPing.length, 5)).as("another identifier").isFalse();
        byte[] otherHost = answered(IcmpEcho.request(address("10.200.0.2"), address("10.9.9.9"), 7, 1, 16));
        assertThat(probe.consume(otherHost, 0, otherHost.length, 5)).as("another source").isFalse();
        byte[] big = answered(IcmpEcho.request(address("10.200.0.2"), address("10.200.0.1"), 7, 1, 1000));
        assertThat(probe.consume(big, 0, big.length, 5)).as("user-sized payload").isFalse();
        byte[] request = IcmpEcho.request(address("10.200.0.1"), address("10.200.0.2"), 7, 1, 16);
        assertThat(probe.consume(request, 0, request.length, 5)).as("a request, not a reply").isFalse();
        assertThat(probe.last()).isEmpty();
    }

    @Test
    void unansweredRequestsDropTheLastMeasurement() throws Exception {
        RoundTripProbe probe = new RoundTripProbe(address("10.200.0.2"), address("10.200.0.1"), 7);
        byte[] first = probe.request(0);
        probe.consume(answered(first), 0, first.length, 3_000_000);
        assertThat(probe.last()).contains(Duration.ofMillis(3));
        for (int i = 1; i <= RoundTripProbe.STALE_AFTER_MISSES; i++) {
            probe.request(i);
        }
        assertThat(probe.last()).as("the last request may still be answered").isPresent();
        probe.request(99);
        assertThat(probe.last()).isEmpty();
    }
}

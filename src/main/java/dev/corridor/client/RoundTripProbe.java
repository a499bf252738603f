package dev.corridor.client;

import dev.corridor.tun.packet.IcmpEcho;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Measures the tunnel's round-trip time: an ICMP echo request to the tunnel gateway (the server's
 * tunnel address) goes through the data channel now and then, and its reply is caught before it
 * reaches the TUN device. One request is outstanding at a time; a request never answered leaves
 * the last measurement in place until {@link #STALE_AFTER_MISSES} requests in a row went
 * unanswered, then there is none. Opt-in ({@link ConnectOptions#roundTripProbe()}).
 *
 * <pre>
 *   session thread: request(now) ─► IPv4 | ICMP echo (identifier I, sequence S, 16 bytes) ─► data channel
 *   network reader: consume(packet): IPv4 ICMP echo reply from the gateway with identifier I?
 *                   ─► yes: not delivered; S outstanding ─► rtt = now - sent
 * </pre>
 */
final class RoundTripProbe {
    /** After this many unanswered requests in a row the last measurement is dropped. */
    static final int STALE_AFTER_MISSES = 3;
    private static final int PAYLOAD_BYTES = 16;

    private final Inet4Address source;
    private final Inet4Address gateway;
    private final int identifier;
    private int sequence;
    private volatile int outstanding = -1;
    private volatile long sentNanos;
    private volatile long lastNanos = -1;
    private volatile int misses;

    RoundTripProbe(Inet4Address source, Inet4Address gateway, int identifier) {
        this.source = source;
        this.gateway = gateway;
        this.identifier = identifier & 0xffff;
    }

    /** The next echo request, sent at {@code nowNanos} (session thread). */
    byte[] request(long nowNanos) {
        if (outstanding >= 0 && ++misses >= STALE_AFTER_MISSES) {
            lastNanos = -1;
        }
        sequence = (sequence + 1) & 0xffff;
        sentNanos = nowNanos;
        outstanding = sequence;
        return IcmpEcho.request(source, gateway, identifier, sequence, PAYLOAD_BYTES);
    }

    /**
     * True when {@code packet[offset..offset+length)} is a reply to this probe (it is then not for the
     * TUN device); records the round trip when it answers the outstanding request (network reader).
     */
    boolean consume(byte[] packet, int offset, int length, long nowNanos) {
        if (length < 28 || length > 28 + PAYLOAD_BYTES + 40 || (packet[offset] & 0xf0) != 0x40
                || packet[offset + 9] != 1) {
            return false; // not a small IPv4 ICMP packet: the common case costs three comparisons
        }
        Optional<IcmpEcho.Reply> reply = IcmpEcho.parseReply(Arrays.copyOfRange(packet, offset, offset + length));
        if (reply.isEmpty() || reply.get().identifier() != identifier
                || !Arrays.equals(reply.get().source(), gateway.getAddress())) {
            return false;
        }
        if (reply.get().sequence() == outstanding) {
            lastNanos = nowNanos - sentNanos;
            outstanding = -1;
            misses = 0;
        }
        return true;
    }

    /** The last measured round trip, if a recent request was answered. */
    Optional<Duration> last() {
        long nanos = lastNanos;
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }
}

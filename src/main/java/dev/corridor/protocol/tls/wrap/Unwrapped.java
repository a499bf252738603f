package dev.corridor.protocol.tls.wrap;

import dev.corridor.protocol.wire.ControlPacket;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of unwrapping a received control packet: the packet, or why it was dropped. The
 * reasons are kept apart so that callers can count forgeries and replays separately from garbage.
 */
public sealed interface Unwrapped
        permits Unwrapped.Ok, Unwrapped.Malformed, Unwrapped.Unauthentic, Unwrapped.Replayed {

    /** The packet was authentic (where the wrap authenticates), fresh and well formed. */
    record Ok(ControlPacket packet) implements Unwrapped {
        public Ok {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /** The bytes do not have the shape of a control packet in this wrap. */
    record Malformed(String reason) implements Unwrapped {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The HMAC or tag did not match: wrong key, wrong direction, or tampering. */
    record Unauthentic(String reason) implements Unwrapped {
        public Unauthentic {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Authentic, but its replay packet-id was seen before or is too old (protocol.md 5.6). */
    record Replayed(long packetId, long time) implements Unwrapped {}

    /** The packet, or empty when it was dropped. */
    default Optional<ControlPacket> asOptional() {
        return this instanceof Ok ok ? Optional.of(ok.packet()) : Optional.empty();
    }
}

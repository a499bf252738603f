package dev.corridor.protocol.reliable;

import java.util.List;
import java.util.Objects;

/**
 * What the reliability layer did with one received control packet. Acknowledgements the packet
 * carried are processed for every receipt except {@link Dropped} with a reason other than
 * {@link DropReason#OUT_OF_WINDOW} and {@link DropReason#RESET_WITH_NONZERO_ID}.
 */
public sealed interface Receipt permits Receipt.Accepted, Receipt.Duplicate, Receipt.Dropped {

    /**
     * A new message (or a bare ACK) was taken; {@code delivered} are the messages that are now in
     * order, possibly none (when this one arrived early, or the packet was an ACK_V1).
     */
    record Accepted(List<InboundMessage> delivered) implements Receipt {
        public Accepted {
            delivered = List.copyOf(delivered);
        }
    }

    /** A message already received; acknowledged again, since the peer evidently missed our ack. */
    record Duplicate(long messageId) implements Receipt {}

    /** The packet was ignored. */
    record Dropped(DropReason reason) implements Receipt {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The messages this receipt delivers, in order (empty unless {@link Accepted}). */
    default List<InboundMessage> deliveredMessages() {
        return this instanceof Accepted accepted ? accepted.delivered() : List.of();
    }
}

package dev.corridor.protocol.reliable;

import dev.corridor.protocol.wire.ControlPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * The acknowledgements one side still owes its peer, plus the list of recently sent ones that
 * OpenVPN 2.x repeats in later ack records so that a lost ACK rarely costs a retransmission.
 *
 * <pre>
 *   add(id)      pending: [a b c]          (each received id once; at most 8 owed, as 2.x)
 *   take(max)    n = min(|pending|, max) ids leave pending and move to the front of recent
 *                recent:  [a b c | older ones ...]    (newest first, at most 8, no repeats)
 *                returns the first min(max, |recent|) of recent
 *   so a packet with room for 4 carries the owed ids first, then fills up with repeats.
 * </pre>
 */
final class OutgoingAcks {
    private final List<Long> pending = new ArrayList<>();
    private final List<Long> recent = new ArrayList<>();

    /**
     * Owes an ack for {@code id}; true when it is owed afterwards, false when 8 others are owed
     * already (2.x drops the ack then, and the peer's retransmission is acknowledged later).
     */
    boolean add(long id) {
        if (pending.contains(id)) {
            return true;
        }
        if (pending.size() >= ControlPacket.MAX_ACKS) {
            return false;
        }
        pending.add(id);
        return true;
    }

    /** True while some received id has not been acknowledged in any packet yet. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Ids owed and not yet sent, oldest first. */
    List<Long> pending() {
        return List.copyOf(pending);
    }

    /** The ack list for a packet with room for {@code max} ids; marks the owed ones it carries as sent. */
    List<Long> take(int max) {
        int n = Math.min(pending.size(), max);
        for (int i = n - 1; i >= 0; i--) {
            Long id = pending.get(i);
            recent.remove(id);
            recent.add(0, id);
            if (recent.size() > ControlPacket.MAX_ACKS) {
                recent.remove(recent.size() - 1);
            }
        }
        pending.subList(0, n).clear();
        return List.copyOf(recent.subList(0, Math.min(max, recent.size())));
    }
}

package dev.corridor.protocol.data;

/** The outcome of opening one incoming data packet: a usable payload, or a drop with its reason. */
public sealed interface OpenResult permits OpenResult.Payload, OpenResult.Dropped {

    /**
     * An authentic, fresh payload, decrypted and deframed into the caller's output buffer.
     *
     * @param offset   where the payload starts in the output buffer
     * @param length   payload length
     * @param kind     what the payload is (IP packet, ping, OCC exit, ...)
     * @param packetId the packet id it carried
     */
    record Payload(int offset, int length, PayloadKind kind, long packetId) implements OpenResult {
    }

    /**
     * The packet was dropped and counted. Use {@link #of} to get the shared instance per reason, so
     * that dropping allocates nothing.
     */
    record Dropped(DropReason reason) implements OpenResult {
        private static final Dropped[] SHARED = shared();

        private static Dropped[] shared() {
            DropReason[] reasons = DropReason.values();
            Dropped[] all = new Dropped[reasons.length];
            for (DropReason reason : reasons) {
                all[reason.ordinal()] = new Dropped(reason);
            }
            return all;
        }

        public static Dropped of(DropReason reason) {
            return SHARED[reason.ordinal()];
        }
    }
}

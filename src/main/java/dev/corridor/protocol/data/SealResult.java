package dev.corridor.protocol.data;

/** The outcome of sealing one payload: a packet ready to send, or a refusal. */
public sealed interface SealResult permits SealResult.Sealed, SealResult.Refused {

    /**
     * A complete data packet in the caller's buffer.
     *
     * @param offset          where the packet starts (the offset the caller gave)
     * @param length          packet length, header included
     * @param packetId        the packet id it carries
     * @param renegotiateSoon the packet id has reached 0xFF000000: start a renegotiation now, before
     *                        the ids run out (OpenVPN's PACKET_ID_WRAP_TRIGGER)
     */
    record Sealed(int offset, int length, long packetId, boolean renegotiateSoon) implements SealResult {
    }

    /** Nothing was written. */
    enum Refused implements SealResult {
        /** Packet id 0xFFFFFFFF has been used; ids must not wrap, so this key can send no more. */
        PACKET_IDS_EXHAUSTED
    }
}

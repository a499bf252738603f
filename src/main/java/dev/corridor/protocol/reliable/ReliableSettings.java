package dev.corridor.protocol.reliable;

/**
 * The knobs of the reliability layer, defaulting to OpenVPN 2.x's values (protocol.md 1.5).
 *
 * @param initialRetransmitMillis first retransmit timeout ({@code tls-timeout}, 2 s); doubles per resend
 * @param sendWindow              a new message id is used only while {@code new - lowestUnacked < sendWindow} (6)
 * @param receiveWindow           a message id is accepted only while {@code id - nextExpected < receiveWindow} (12)
 * @param maxAcksPerAckPacket     acks in one standalone ACK_V1 (8; 4 for a plain-wrap client, the
 *                                SoftEther workaround 2.x applies)
 * @param maxPiggybackedAcks      acks carried on a control packet (4)
 * @param fastRetransmitAcks      resend early once this many later ids have been acknowledged (3)
 */
public record ReliableSettings(long initialRetransmitMillis, int sendWindow, int receiveWindow,
        int maxAcksPerAckPacket, int maxPiggybackedAcks, int fastRetransmitAcks) {

    /** OpenVPN 2.x defaults: 2 s, 6, 12, 8, 4, 3. */
    public static final ReliableSettings DEFAULTS = new ReliableSettings(2_000, 6, 12, 8, 4, 3);

    public ReliableSettings {
        if (initialRetransmitMillis < 1) {
            throw new IllegalArgumentException("the retransmit timeout must be positive");
        }
        if (sendWindow < 1 || receiveWindow < 1) {
            throw new IllegalArgumentException("windows must hold at least one message");
        }
        if (maxAcksPerAckPacket < 1 || maxAcksPerAckPacket > 8 || maxPiggybackedAcks < 0 || maxPiggybackedAcks > 8) {
            throw new IllegalArgumentException("an ack record holds at most 8 ids");
        }
        if (fastRetransmitAcks < 1) {
            throw new IllegalArgumentException("fast retransmit needs at least one later ack");
        }
    }

    /** These settings with another first retransmit timeout. */
    public ReliableSettings withInitialRetransmitMillis(long millis) {
        return new ReliableSettings(millis, sendWindow, receiveWindow, maxAcksPerAckPacket, maxPiggybackedAcks,
                fastRetransmitAcks);
    }

    /** These settings with another standalone-ACK limit (4 for the SoftEther workaround). */
    public ReliableSettings withMaxAcksPerAckPacket(int acks) {
        return new ReliableSettings(initialRetransmitMillis, sendWindow, receiveWindow, acks, maxPiggybackedAcks,
                fastRetransmitAcks);
    }
}

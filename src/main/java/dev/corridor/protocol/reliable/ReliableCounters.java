package dev.corridor.protocol.reliable;

/**
 * A snapshot of what one reliability layer has done, for statistics and tests.
 *
 * @param messagesSent     distinct messages sent for the first time
 * @param retransmits      resends of messages, timer and fast together
 * @param fastRetransmits  resends triggered by later acks before the timer ran out
 * @param standaloneAcks   ACK_V1 packets sent
 * @param messagesDelivered messages handed up in order
 * @param duplicates       received messages we already had (re-acknowledged)
 * @param outOfWindow      received messages too far ahead (dropped, not acknowledged)
 * @param rejected         packets dropped for key id, session id or reset id
 */
public record ReliableCounters(long messagesSent, long retransmits, long fastRetransmits, long standaloneAcks,
        long messagesDelivered, long duplicates, long outOfWindow, long rejected) {}

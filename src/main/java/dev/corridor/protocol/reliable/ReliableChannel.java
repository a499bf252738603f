package dev.corridor.protocol.reliable;

import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The reliability layer of one key state (protocol.md 1.3 to 1.5): numbers outgoing control
 * messages, resends them until acknowledged, acknowledges what arrives, and hands received
 * messages up strictly in message-id order. Pure: time comes in as {@code nowMillis}, packets go
 * out as values for the caller to wrap and send.
 *
 * <pre>
 *   send side                                    receive side
 *   offer(payload) -> queue (ids assigned)       received(packet):
 *   due(now):                                      acks in it  -> drop acked messages from flight,
 *     queue -> flight while                                      count "later acks" on older ones
 *       id - lowestUnacked &lt; sendWindow (6)        message id m, next expected e:
 *     send each message whose timer ran out,         m &lt; e or already held -> duplicate, ack again
 *       or that saw 3 later ids acked (fast)         m - e &gt;= receiveWindow (12) -> drop, no ack
 *       timer := now + timeout; timeout *= 2         else hold + ack; deliver e, e+1, ... in order
 *     piggy-back up to 4 acks on each packet
 *     ACK_V1 with up to 8 if acks are still owed
 *
 *   one in-flight message:
 *     QUEUED --window opens--> IN_FLIGHT --due: send, timer=now+T, T*=2--> IN_FLIGHT ...
 *                                  |  \--3 later ids acked--> resend at next due()
 *                                  \--its id acked--> gone
 * </pre>
 *
 * Ack records name the receiver's session id; a packet whose ack record names another session is
 * dropped whole, as 2.x does. The peer's session id is given at construction or learnt from the
 * first packet accepted. Not thread-safe: one session thread owns it.
 */
public final class ReliableChannel {
    private final ReliableSettings settings;
    private final int keyId;
    private final SessionId ownSessionId;
    private SessionId peerSessionId;

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final TreeMap<Long, Outgoing> inFlight = new TreeMap<>();
    private long nextMessageId;

    private final TreeMap<Long, InboundMessage> held = new TreeMap<>();
    private long nextExpected;
    private final OutgoingAcks acks = new OutgoingAcks();

    private long lastNow = Long.MIN_VALUE;

    private long messagesSent;
    private long retransmits;
    private long fastRetransmits;
    private long standaloneAcks;
    private long messagesDelivered;
    private long duplicates;
    private long outOfWindow;
    private long rejected;

    /**
     * A channel for key state {@code keyId} of the session {@code ownSessionId}; {@code peer} is the
     * peer's session id if already known (a server answering a client reset), else it is learnt.
     */
    public ReliableChannel(ReliableSettings settings, int keyId, SessionId ownSessionId, Optional<SessionId> peer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (keyId < 0 || keyId > Opcode.MAX_KEY_ID) {
            throw new IllegalArgumentException("key id must be 0..7, was " + keyId);
        }
        if (!ownSessionId.isDefined()) {
            throw new IllegalArgumentException("our own session id must be defined");
        }
        this.keyId = keyId;
        this.ownSessionId = ownSessionId;
        this.peerSessionId = peer.filter(SessionId::isDefined).orElse(null);
    }

    /** Queues a CONTROL_V1 message carrying {@code payload}; returns its message id. */
    public long offer(byte[] payload, long nowMillis) {
        return offer(Opcode.CONTROL_V1, payload, nowMillis);
    }

    /**
     * Queues a message with this opcode (a reset, or CONTROL_V1 with TLS bytes the caller has cut
     * to size); returns its message id. It leaves at the next {@link #due} the send window allows.
     */
    public long offer(Opcode opcode, byte[] payload, long nowMillis) {
        Objects.requireNonNull(payload, "payload");
        if (!opcode.carriesMessageId()) {
            throw new IllegalArgumentException(opcode + " carries no message id");
        }
        if (nextMessageId > ControlPacket.MAX_MESSAGE_ID) {
            throw new IllegalStateException("message ids of this key state are used up");
        }
        touch(nowMillis);
        long id = nextMessageId++;
        queue.add(new Outgoing(id, opcode, payload.clone(), settings.initialRetransmitMillis()));
        return id;
    }

    /** Takes one received (already unwrapped) control packet. */
    public Receipt received(ControlPacket packet, long nowMillis) {
        touch(nowMillis);
        if (packet.keyId() != keyId) {
            return reject(DropReason.WRONG_KEY_ID);
        }
        if (!packet.sessionId().isDefined()
                || (peerSessionId != null && !peerSessionId.equals(packet.sessionId()))) {
            return reject(DropReason.FOREIGN_SESSION);
        }
        if (!packet.acks().isEmpty() && !packet.peerSessionId().orElseThrow().equals(ownSessionId)) {
            return reject(DropReason.ACK_FOR_OTHER_SESSION);
        }
        if (peerSessionId == null) {
            peerSessionId = packet.sessionId();
        }
        takeAcks(packet.acks());
        if (packet.messageId().isEmpty()) {
            return new Receipt.Accepted(List.of());
        }
        long id = packet.messageId().getAsLong();
        if (packet.opcode().isHardReset() && id != 0) {
            return reject(DropReason.RESET_WITH_NONZERO_ID);
        }
        if (id < nextExpected || held.containsKey(id)) {
            duplicates++;
            acks.add(id);
            return new Receipt.Duplicate(id);
        }
        if (id - nextExpected >= settings.receiveWindow()) {
            outOfWindow++;
            return new Receipt.Dropped(DropReason.OUT_OF_WINDOW);
        }
        held.put(id, new InboundMessage(packet.opcode(), id, packet.payload()));
        acks.add(id);
        List<InboundMessage> delivered = new ArrayList<>();
        for (InboundMessage next = held.remove(nextExpected); next != null; next = held.remove(nextExpected)) {
            delivered.add(next);
            nextExpected++;
        }
        messagesDelivered += delivered.size();
        return new Receipt.Accepted(delivered);
    }

    private void takeAcks(List<Long> ackedIds) {
        for (long acked : ackedIds) {
            if (inFlight.remove(acked) != null) {
                for (Outgoing older : inFlight.headMap(acked).values()) {
                    older.laterAcks++;
                }
            }
        }
    }

    /**
     * The packets to send now, in message-id order: first sends, retransmissions, and a standalone
     * ACK_V1 if acks are still owed after piggy-backing. Each returned packet is to be wrapped and
     * sent once.
     */
    public List<ControlPacket> due(long nowMillis) {
        touch(nowMillis);
        admitQueued(nowMillis);
        List<ControlPacket> out = new ArrayList<>();
        for (Outgoing message : inFlight.values()) {
            boolean timerRanOut = nowMillis >= message.nextTryMillis;
            boolean fast = message.laterAcks >= settings.fastRetransmitAcks();
            if (!timerRanOut && !fast) {
                continue;
            }
            if (message.sends == 0) {
                messagesSent++;
            } else {
                retransmits++;
                if (!timerRanOut) {
                    fastRetransmits++;
                }
            }
            message.sends++;
            message.nextTryMillis = saturatedAdd(nowMillis, message.timeoutMillis);
            message.timeoutMillis = saturatedAdd(message.timeoutMillis, message.timeoutMillis);
            message.laterAcks = 0;
            out.add(packetFor(message, acks.take(settings.maxPiggybackedAcks())));
        }
        while (acks.hasPending()) {
            standaloneAcks++;
            out.add(ControlPacket.ack(keyId, ownSessionId, acks.take(settings.maxAcksPerAckPacket()),
                    peerSessionId));
        }
        return out;
    }

    private void admitQueued(long nowMillis) {
        while (!queue.isEmpty()
                && (inFlight.isEmpty() || queue.peek().id - inFlight.firstKey() < settings.sendWindow())) {
            Outgoing message = queue.poll();
            message.nextTryMillis = nowMillis;
            inFlight.put(message.id, message);
        }
    }

    private ControlPacket packetFor(Outgoing message, List<Long> ackList) {
        Optional<SessionId> peer = ackList.isEmpty() ? Optional.empty() : Optional.of(peerSessionId);
        return ControlPacket.message(message.opcode, keyId, ownSessionId, ackList, peer, message.id, message.payload);
    }

    /**
     * When {@link #due} next has work: the latest time passed in if something is due already, the
     * earliest retransmit timer otherwise, empty when nothing is queued, in flight or owed.
     */
    public OptionalLong nextWakeup() {
        if (acks.hasPending() || (!queue.isEmpty()
                && (inFlight.isEmpty() || queue.peek().id - inFlight.firstKey() < settings.sendWindow()))) {
            return OptionalLong.of(lastNow);
        }
        long earliest = Long.MAX_VALUE;
        for (Outgoing message : inFlight.values()) {
            long at = message.laterAcks >= settings.fastRetransmitAcks() ? lastNow : message.nextTryMillis;
            earliest = Math.min(earliest, at);
        }
        return inFlight.isEmpty() ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** True once the peer has acknowledged message {@code messageId} (which this channel sent). */
    public boolean isAcknowledged(long messageId) {
        if (messageId < 0 || messageId >= nextMessageId || inFlight.containsKey(messageId)) {
            return false;
        }
        return queue.isEmpty() || messageId < queue.peek().id;
    }

    /** True when every message offered so far has been acknowledged. */
    public boolean allAcknowledged() {
        return queue.isEmpty() && inFlight.isEmpty();
    }

    /** Messages waiting for the send window to open. */
    public int queuedCount() {
        return queue.size();
    }

    /** Messages sent (or about to be) and not yet acknowledged. */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** The message id the next received message must have to be delivered. */
    public long nextExpectedMessageId() {
        return nextExpected;
    }

    /** This key state's key id. */
    public int keyId() {
        return keyId;
    }

    /** Our own session id, written in every packet. */
    public SessionId sessionId() {
        return ownSessionId;
    }

    /** The peer's session id, once known. */
    public Optional<SessionId> peerSessionId() {
        return Optional.ofNullable(peerSessionId);
    }

    /** What this channel has done so far. */
    public ReliableCounters counters() {
        return new ReliableCounters(messagesSent, retransmits, fastRetransmits, standaloneAcks, messagesDelivered,
                duplicates, outOfWindow, rejected);
    }

    private Receipt reject(DropReason reason) {
        rejected++;
        return new Receipt.Dropped(reason);
    }

    private void touch(long nowMillis) {
        lastNow = Math.max(lastNow, nowMillis);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** One outgoing message and its retransmission state. */
    private static final class Outgoing {
        final long id;
        final Opcode opcode;
        final byte[] payload;
        long timeoutMillis;
        long nextTryMillis;
        int laterAcks;
        int sends;

        Outgoing(long id, Opcode opcode, byte[] payload, long timeoutMillis) {
            this.id = id;
            this.opcode = opcode;
            this.payload = payload;
            this.timeoutMillis = timeoutMillis;
        }
    }
}

package dev.corridor.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Windows, retransmission, fast retransmit, ack limits and in-order delivery of one channel. */
class ReliableChannelTest {
    private static final SessionId OWN = SessionId.of(0x0A0A0A0A0A0A0A0AL);
    private static final SessionId PEER = SessionId.of(0x0B0B0B0B0B0B0B0BL);

    private static ReliableChannel channel() {
        return new ReliableChannel(ReliableSettings.DEFAULTS, 0, OWN, Optional.of(PEER));
    }

    /** A CONTROL_V1 from the peer with this message id and one payload byte equal to the id. */
    private static ControlPacket fromPeer(long messageId) {
        return ControlPacket.message(Opcode.CONTROL_V1, 0, PEER, messageId, new byte[] {(byte) messageId});
    }

    private static ControlPacket ackFromPeer(Long... ids) {
        return ControlPacket.ack(0, PEER, List.of(ids), OWN);
    }

    private static List<Long> messageIds(List<ControlPacket> packets) {
        return packets.stream().filter(p -> p.messageId().isPresent()).map(p -> p.messageId().getAsLong()).toList();
    }

    private static void offer(ReliableChannel channel, int count) {
        for (int i = 0; i < count; i++) {
            channel.offer(new byte[] {(byte) i}, 0);
        }
    }

    @Test
    void firstPacketGoesOutAtOnceWithoutAcks() {
        ReliableChannel channel = channel();
        assertThat(channel.offer(Opcode.CONTROL_HARD_RESET_CLIENT_V2, new byte[0], 0)).isZero();
        List<ControlPacket> out = channel.due(0);
        assertThat(out).containsExactly(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, OWN, 0,
                new byte[0]));
        assertThat(channel.due(0)).isEmpty();
    }

    @Test
    void sendWindowHoldsSixMessagesCountedFromTheLowestUnacked() {
        ReliableChannel channel = channel();
        offer(channel, 10);
        assertThat(messageIds(channel.due(0))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(channel.queuedCount()).isEqualTo(4);

        channel.received(ackFromPeer(1L, 2L), 10);
        assertThat(messageIds(channel.due(10))).as("6 - 0 is not below 6").isEmpty();

        channel.received(ackFromPeer(0L), 20);
        // lowest unacked is now 3: ids 6, 7, 8 fit (8 - 3 = 5), 9 does not
        assertThat(messageIds(channel.due(20))).containsExactly(6L, 7L, 8L);
        assertThat(channel.inFlightCount()).isEqualTo(6);
        assertThat(channel.queuedCount()).isEqualTo(1);
    }

    @Test
    void retransmitTimeoutStartsAtTwoSecondsAndDoubles() {
        ReliableChannel channel = channel();
        channel.offer(new byte[] {1}, 0);
        assertThat(messageIds(channel.due(0))).containsExactly(0L);
        assertThat(channel.nextWakeup()).hasValue(2_000);
        assertThat(channel.due(1_999)).isEmpty();
        assertThat(messageIds(channel.due(2_000))).containsExactly(0L);
        assertThat(channel.nextWakeup()).hasValue(6_000);
        assertThat(channel.due(5_999)).isEmpty();
        assertThat(messageIds(channel.due(6_000))).containsExactly(0L);
        assertThat(channel.nextWakeup()).hasValue(14_000);
        assertThat(messageIds(channel.due(14_500))).containsExactly(0L);
        assertThat(channel.nextWakeup()).hasValue(30_500);
        assertThat(channel.counters().messagesSent()).isEqualTo(1);
        assertThat(channel.counters().retransmits()).isEqualTo(3);

        channel.received(ackFromPeer(0L), 15_000);
        assertThat(channel.nextWakeup()).isEmpty();
        assertThat(channel.allAcknowledged()).isTrue();
    }

    @Test
    void initialTimeoutIsConfigurable() {
        ReliableChannel channel = new ReliableChannel(ReliableSettings.DEFAULTS.withInitialRetransmitMillis(500), 0,
                OWN, Optional.of(PEER));
        channel.offer(new byte[] {1}, 0);
        channel.due(0);
        assertThat(channel.nextWakeup()).hasValue(500);
        channel.due(500);
        assertThat(channel.nextWakeup()).hasValue(1_500);
    }

    @Test
    void threeLaterAcksTriggerAFastRetransmit() {
        ReliableChannel channel = channel();
        offer(channel, 5);
        channel.due(0);
        channel.received(ackFromPeer(1L, 2L), 100);
        assertThat(channel.due(100)).isEmpty();
        channel.received(ackFromPeer(3L), 150);
        assertThat(channel.nextWakeup()).hasValue(150);
        assertThat(messageIds(channel.due(150))).containsExactly(0L);
        assertThat(channel.counters().fastRetransmits()).isEqualTo(1);
        // message 4 saw nothing later acked; message 0 is timed again from its doubled timeout
        assertThat(channel.nextWakeup()).hasValue(2_000);
        channel.received(ackFromPeer(4L), 160);
        assertThat(channel.nextWakeup()).hasValue(150 + 4_000);

        // the peer repeats old acks (its MRU list): they are not new, so no second fast resend
        channel.received(ackFromPeer(3L, 2L, 1L, 4L), 200);
        assertThat(channel.due(200)).isEmpty();
    }

    @Test
    void oneAckPacketWithThreeLaterIdsIsEnough() {
        ReliableChannel channel = channel();
        offer(channel, 4);
        channel.due(0);
        channel.received(ackFromPeer(3L, 2L, 1L), 50);
        assertThat(messageIds(channel.due(50))).containsExactly(0L);
    }

    @Test
    void receivedMessagesAreAckedInOneStandaloneAck() {
        ReliableChannel channel = channel();
        for (long id = 0; id < 6; id++) {
            channel.received(fromPeer(id), 0);
        }
        assertThat(channel.due(0)).containsExactly(ControlPacket.ack(0, OWN, List.of(0L, 1L, 2L, 3L, 4L, 5L), PEER));
        assertThat(channel.due(0)).isEmpty();
        assertThat(channel.counters().standaloneAcks()).isEqualTo(1);
    }

    @Test
    void controlPacketsCarryFourAcksAndRecentOnesAreRepeated() {
        ReliableChannel channel = channel();
        for (long id = 0; id < 6; id++) {
            channel.received(fromPeer(id), 0);
        }
        channel.due(0);
        for (long id = 6; id < 12; id++) {
            channel.received(fromPeer(id), 10);
        }
        channel.offer(new byte[] {42}, 10);
        List<ControlPacket> out = channel.due(10);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).opcode()).isEqualTo(Opcode.CONTROL_V1);
        assertThat(out.get(0).acks()).containsExactly(6L, 7L, 8L, 9L);
        assertThat(out.get(0).peerSessionId()).contains(PEER);
        // ids 10 and 11 are still owed: a standalone ACK with them first, then recent repeats up to 8
        assertThat(out.get(1)).isEqualTo(ControlPacket.ack(0, OWN, List.of(10L, 11L, 6L, 7L, 8L, 9L, 0L, 1L), PEER));

        // a retransmission later carries the four most recent acks although none is owed
        List<ControlPacket> resent = channel.due(2_010);
        assertThat(resent).hasSize(1);
        assertThat(resent.get(0).acks()).containsExactly(10L, 11L, 6L, 7L);
    }

    @Test
    void standaloneAckLimitCanBeFour() {
        ReliableChannel channel = new ReliableChannel(ReliableSettings.DEFAULTS.withMaxAcksPerAckPacket(4), 0, OWN,
                Optional.of(PEER));
        for (long id = 0; id < 6; id++) {
            channel.received(fromPeer(id), 0);
        }
        assertThat(channel.due(0)).containsExactly(
                ControlPacket.ack(0, OWN, List.of(0L, 1L, 2L, 3L), PEER),
                ControlPacket.ack(0, OWN, List.of(4L, 5L, 0L, 1L), PEER));
    }

    @Test
    void atMostEightAcksAreOwedAsIn2x() {
        ReliableChannel channel = channel();
        for (long id = 0; id < 10; id++) {
            channel.received(fromPeer(id), 0);
        }
        assertThat(channel.due(0)).containsExactly(ControlPacket.ack(0, OWN, List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L),
                PEER));
        // the peer resends 8 and 9 because their acks were dropped: duplicates, acked now
        assertThat(channel.received(fromPeer(9), 3_000)).isEqualTo(new Receipt.Duplicate(9));
        assertThat(channel.due(3_000).get(0).acks()).startsWith(9L);
    }

    @Test
    void outOfOrderMessagesAreDeliveredInOrder() {
        ReliableChannel channel = channel();
        assertThat(channel.received(fromPeer(2), 0)).isEqualTo(new Receipt.Accepted(List.of()));
        assertThat(channel.received(fromPeer(1), 0)).isEqualTo(new Receipt.Accepted(List.of()));
        Receipt receipt = channel.received(fromPeer(0), 0);
        assertThat(receipt.deliveredMessages()).extracting(InboundMessage::messageId).containsExactly(0L, 1L, 2L);
        assertThat(receipt.deliveredMessages().get(2).payload()).containsExactly(2);
        assertThat(receipt.deliveredMessages().get(0).opcode()).isEqualTo(Opcode.CONTROL_V1);
        assertThat(channel.nextExpectedMessageId()).isEqualTo(3);
        assertThat(channel.counters().messagesDelivered()).isEqualTo(3);
        assertThat(channel.due(0).get(0).acks()).containsExactly(2L, 1L, 0L);
    }

    @Test
    void duplicatesAreAckedAgainButNotDelivered() {
        ReliableChannel channel = channel();
        channel.received(fromPeer(0), 0);
        channel.received(fromPeer(3), 0);
        channel.due(0);
        assertThat(channel.received(fromPeer(0), 1)).isEqualTo(new Receipt.Duplicate(0));
        assertThat(channel.received(fromPeer(3), 1)).isEqualTo(new Receipt.Duplicate(3));
        assertThat(channel.counters().duplicates()).isEqualTo(2);
        assertThat(channel.due(1)).containsExactly(ControlPacket.ack(0, OWN, List.of(0L, 3L), PEER));
    }

    @Test
    void receiveWindowIsTwelve() {
        ReliableChannel channel = channel();
        assertThat(channel.received(fromPeer(11), 0)).isInstanceOf(Receipt.Accepted.class);
        assertThat(channel.received(fromPeer(12), 0)).isEqualTo(new Receipt.Dropped(DropReason.OUT_OF_WINDOW));
        assertThat(channel.counters().outOfWindow()).isEqualTo(1);
        assertThat(channel.due(0)).containsExactly(ControlPacket.ack(0, OWN, List.of(11L), PEER));
    }

    @Test
    void acksInAnOutOfWindowPacketStillCount() {
        ReliableChannel channel = channel();
        channel.offer(new byte[] {1}, 0);
        channel.due(0);
        ControlPacket farAhead = ControlPacket.message(Opcode.CONTROL_V1, 0, PEER, List.of(0L), Optional.of(OWN), 40,
                new byte[0]);
        assertThat(channel.received(farAhead, 5)).isEqualTo(new Receipt.Dropped(DropReason.OUT_OF_WINDOW));
        assertThat(channel.isAcknowledged(0)).isTrue();
    }

    @Test
    void packetsOfOtherKeysAndSessionsAreDroppedWhole() {
        ReliableChannel channel = channel();
        channel.offer(new byte[] {1}, 0);
        channel.due(0);
        ControlPacket otherKey = ControlPacket.message(Opcode.CONTROL_V1, 1, PEER, List.of(0L), Optional.of(OWN), 0,
                new byte[0]);
        assertThat(channel.received(otherKey, 1)).isEqualTo(new Receipt.Dropped(DropReason.WRONG_KEY_ID));
        ControlPacket stranger = ControlPacket.message(Opcode.CONTROL_V1, 0, SessionId.of(99), List.of(0L),
                Optional.of(OWN), 0, new byte[0]);
        assertThat(channel.received(stranger, 1)).isEqualTo(new Receipt.Dropped(DropReason.FOREIGN_SESSION));
        ControlPacket ackForOthers = ControlPacket.message(Opcode.CONTROL_V1, 0, PEER, List.of(0L),
                Optional.of(SessionId.of(77)), 0, new byte[0]);
        assertThat(channel.received(ackForOthers, 1)).isEqualTo(new Receipt.Dropped(DropReason.ACK_FOR_OTHER_SESSION));
        assertThat(channel.received(ControlPacket.message(Opcode.CONTROL_V1, 0, SessionId.UNDEFINED, 0, new byte[0]),
                1)).isEqualTo(new Receipt.Dropped(DropReason.FOREIGN_SESSION));
        assertThat(channel.isAcknowledged(0)).isFalse();
        assertThat(channel.nextExpectedMessageId()).isZero();
        assertThat(channel.counters().rejected()).isEqualTo(4);
        assertThat(messageIds(channel.due(2))).isEmpty();
    }

    @Test
    void hardResetWithANonZeroIdIsIgnored() {
        ReliableChannel channel = channel();
        ControlPacket badReset = ControlPacket.message(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, PEER, 1, new byte[0]);
        assertThat(channel.received(badReset, 0)).isEqualTo(new Receipt.Dropped(DropReason.RESET_WITH_NONZERO_ID));
        assertThat(channel.due(0)).isEmpty();
    }

    @Test
    void threeWayHandshakeOnTheWire() {
        SessionId clientSid = SessionId.of(0x1111111111111111L);
        SessionId serverSid = SessionId.of(0x2222222222222222L);
        ReliableChannel client = new ReliableChannel(ReliableSettings.DEFAULTS, 0, clientSid, Optional.empty());

        // 1. C->S hard reset: own sid, no acks, message id 0
        client.offer(Opcode.CONTROL_HARD_RESET_CLIENT_V2, new byte[0], 0);
        ControlPacket clientReset = client.due(0).get(0);
        assertThat(clientReset).isEqualTo(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, clientSid, 0,
                new byte[0]));

        // the server learns the client's sid from that packet
        ReliableChannel server = new ReliableChannel(ReliableSettings.DEFAULTS, 0, serverSid, Optional.empty());
        assertThat(server.received(clientReset, 10).deliveredMessages()).extracting(InboundMessage::opcode)
                .containsExactly(Opcode.CONTROL_HARD_RESET_CLIENT_V2);
        assertThat(server.peerSessionId()).contains(clientSid);

        // 2. S->C hard reset: acks [0] for the client's sid, message id 0, and no separate ACK
        server.offer(Opcode.CONTROL_HARD_RESET_SERVER_V2, new byte[0], 10);
        List<ControlPacket> serverOut = server.due(10);
        assertThat(serverOut).containsExactly(ControlPacket.message(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, serverSid,
                List.of(0L), Optional.of(clientSid), 0, new byte[0]));

        // 3. the client's reset is acknowledged (S_START); its ClientHello carries the ack [0]
        assertThat(client.received(serverOut.get(0), 20).deliveredMessages()).hasSize(1);
        assertThat(client.isAcknowledged(0)).isTrue();
        assertThat(client.allAcknowledged()).isTrue();
        client.offer(new byte[] {0x16, 0x03, 0x01}, 20);
        assertThat(client.due(20)).containsExactly(ControlPacket.message(Opcode.CONTROL_V1, 0, clientSid, List.of(0L),
                Optional.of(serverSid), 1, new byte[] {0x16, 0x03, 0x01}));
    }

    @Test
    void nextWakeupReflectsOwedAcksAndQueuedMessages() {
        ReliableChannel channel = channel();
        assertThat(channel.nextWakeup()).isEmpty();
        channel.received(fromPeer(0), 500);
        assertThat(channel.nextWakeup()).hasValue(500);
        channel.due(600);
        assertThat(channel.nextWakeup()).isEmpty();
        channel.offer(new byte[] {1}, 700);
        assertThat(channel.nextWakeup()).isEqualTo(OptionalLong.of(700));
    }

    @Test
    void isAcknowledgedCoversQueuedAndUnknownIds() {
        ReliableChannel channel = channel();
        offer(channel, 8);
        channel.due(0);
        assertThat(channel.isAcknowledged(0)).isFalse();
        assertThat(channel.isAcknowledged(7)).isFalse();
        assertThat(channel.isAcknowledged(8)).isFalse();
        channel.received(ackFromPeer(0L), 1);
        assertThat(channel.isAcknowledged(0)).isTrue();
        assertThat(channel.isAcknowledged(7)).isFalse();
        assertThat(channel.allAcknowledged()).isFalse();
    }

    @Test
    void offerRefusesOpcodesWithoutMessageIds() {
        assertThatThrownBy(() -> channel().offer(Opcode.ACK_V1, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> channel().offer(Opcode.DATA_V2, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReliableChannel(ReliableSettings.DEFAULTS, 0, SessionId.UNDEFINED,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offeredPayloadIsCopied() {
        ReliableChannel channel = channel();
        byte[] payload = {1, 2};
        channel.offer(payload, 0);
        payload[0] = 9;
        assertThat(channel.due(0).get(0).payload()).containsExactly(1, 2);
    }
}

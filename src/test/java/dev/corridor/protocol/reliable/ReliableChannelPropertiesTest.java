package dev.corridor.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Decoded;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever a peer sends, the channel neither throws nor breaks its own rules. */
class ReliableChannelPropertiesTest {
    private static final SessionId OWN = SessionId.of(0x0A0A0A0A0A0A0A0AL);

    /**
     * Arbitrary bytes that decode as control packets (with our session id forced into the right
     * places so that more of them get past the session checks) are fed in order.
     */
    @Property(tries = 500)
    void arbitraryPacketsNeverBreakTheChannel(@ForAll @Size(max = 30) List<@Size(min = 10, max = 60) byte[]> datagrams,
            @ForAll boolean forceOurSession) {
        ReliableChannel channel = new ReliableChannel(ReliableSettings.DEFAULTS, 0, OWN, Optional.empty());
        channel.offer(Opcode.CONTROL_HARD_RESET_SERVER_V2, new byte[0], 0);
        long now = 0;
        for (byte[] datagram : datagrams) {
            now += 300;
            byte[] bytes = datagram.clone();
            bytes[0] = (byte) ((bytes[0] & 0x07) == 0 ? bytes[0] : bytes[0] & 0xF8);
            Decoded<ControlPacket> decoded = ControlPacketCodec.decode(bytes);
            if (decoded instanceof Decoded.Ok<ControlPacket> ok) {
                ControlPacket packet = ok.value();
                if (forceOurSession && !packet.acks().isEmpty()) {
                    packet = new ControlPacket(packet.opcode(), packet.keyId(), packet.sessionId(), packet.acks(),
                            Optional.of(OWN), packet.messageId(), packet.payload());
                }
                Receipt receipt = channel.received(packet, now);
                for (InboundMessage message : receipt.deliveredMessages()) {
                    assertThat(message.messageId()).isLessThan(channel.nextExpectedMessageId());
                }
            }
            for (ControlPacket out : channel.due(now)) {
                assertThat(out.sessionId()).isEqualTo(OWN);
                assertThat(out.acks().size()).isLessThanOrEqualTo(out.opcode() == Opcode.ACK_V1 ? 8 : 4);
                assertThat(ControlPacketCodec.decode(ControlPacketCodec.encode(out)).asOptional()).contains(out);
            }
            assertThat(channel.inFlightCount()).isLessThanOrEqualTo(6);
        }
    }
}

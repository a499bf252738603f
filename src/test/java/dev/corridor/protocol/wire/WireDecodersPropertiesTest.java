package dev.corridor.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Arbitrary bytes into every wire decoder: never an exception; valid packets round-trip. */
class WireDecodersPropertiesTest {

    @Property(tries = 2000)
    void codecNeverThrows(@ForAll @Size(max = 200) byte[] bytes) {
        Decoded<ControlPacket> decoded = ControlPacketCodec.decode(bytes);
        if (decoded instanceof Decoded.Ok<ControlPacket> ok) {
            // whatever decodes must encode back to a prefix-compatible packet of the same fields
            assertThat(ControlPacketCodec.decode(ControlPacketCodec.encode(ok.value()))).isEqualTo(decoded);
        }
    }

    @Property(tries = 1000)
    void codecNeverThrowsOnControlLookingBytes(@ForAll("controlLooking") byte[] bytes) {
        ControlPacketCodec.decode(bytes);
    }

    @Property(tries = 500)
    void codecNeverThrowsOnSlices(@ForAll @Size(max = 64) byte[] bytes, @ForAll @IntRange(min = -5, max = 70) int offset,
            @ForAll @IntRange(min = -5, max = 70) int length) {
        ControlPacketCodec.decode(bytes, offset, length);
        ControlPacketCodec.decodeBody(Opcode.CONTROL_V1, 0, SessionId.UNDEFINED, bytes, offset, length);
        PacketPeek.of(bytes, offset, length);
        PacketPeek.dataV2PeerId(bytes, offset, length);
    }

    @Property(tries = 1000)
    void validPacketsRoundTrip(@ForAll("packets") ControlPacket packet) {
        byte[] encoded = ControlPacketCodec.encode(packet);
        assertThat(ControlPacketCodec.decode(encoded)).isEqualTo(Decoded.ok(packet));
    }

    @Property(tries = 1000)
    void cuttingIntoTheFixedFieldsIsRefused(@ForAll("packets") ControlPacket packet, @ForAll @IntRange(min = 0,
            max = 60) int cut) {
        byte[] encoded = ControlPacketCodec.encode(packet);
        int fixed = encoded.length - packet.payloadLength();
        if (cut < fixed) {
            assertThat(ControlPacketCodec.decode(encoded, 0, cut)).isInstanceOf(Decoded.Malformed.class);
        }
    }

    @Property(tries = 500)
    void deframerNeverThrows(@ForAll @Size(max = 40) List<@Size(max = 50) byte[]> chunks,
            @ForAll @IntRange(min = 1, max = 70) int limit) {
        TcpStreamDeframer deframer = new TcpStreamDeframer(limit);
        for (byte[] chunk : chunks) {
            Deframed result = deframer.feed(chunk);
            List<byte[]> packets = result instanceof Deframed.Packets p ? p.packets()
                    : ((Deframed.Broken) result).packetsBefore();
            assertThat(packets).allSatisfy(packet -> assertThat(packet.length).isBetween(1, limit));
        }
    }

    @Provide
    Arbitrary<byte[]> controlLooking() {
        Arbitrary<Byte> first = Arbitraries.of(Opcode.values()).filter(Opcode::isControl)
                .flatMap(op -> Arbitraries.integers().between(0, 7).map(k -> op.firstByte(k)));
        Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        return Combinators.combine(first, Arbitraries.integers().between(0, 9), rest).as((b, n, tail) -> {
            byte[] out = new byte[Math.max(10, 1 + tail.length)];
            System.arraycopy(tail, 0, out, 1, Math.min(tail.length, out.length - 1));
            out[0] = b;
            out[9] = n.byteValue();
            return out;
        });
    }

    @Provide
    Arbitrary<ControlPacket> packets() {
        Arbitrary<Opcode> opcodes = Arbitraries.of(Opcode.values()).filter(Opcode::isControl);
        Arbitrary<Integer> keyIds = Arbitraries.integers().between(0, 7);
        Arbitrary<SessionId> sessionIds = Arbitraries.longs().map(SessionId::of);
        Arbitrary<List<Long>> acks = Arbitraries.longs().between(0, ControlPacket.MAX_MESSAGE_ID).list().ofMaxSize(8);
        Arbitrary<Long> messageIds = Arbitraries.longs().between(0, ControlPacket.MAX_MESSAGE_ID);
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Combinators.combine(opcodes, keyIds, sessionIds, acks, sessionIds, messageIds, payloads)
                .as((op, keyId, own, ackList, peer, messageId, payload) -> {
                    if (op == Opcode.ACK_V1) {
                        List<Long> nonEmpty = new ArrayList<>(ackList);
                        if (nonEmpty.isEmpty()) {
                            nonEmpty.add(messageId);
                        }
                        return ControlPacket.ack(keyId, own, nonEmpty, peer);
                    }
                    return ControlPacket.message(op, keyId, own, ackList,
                            ackList.isEmpty() ? Optional.empty() : Optional.of(peer), messageId, payload);
                });
    }
}

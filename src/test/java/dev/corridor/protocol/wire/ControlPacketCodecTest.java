package dev.corridor.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact plain layouts (protocol.md 1.2) for every kind of control packet, built by hand,
 * and the ways a decoder must refuse bytes.
 */
class ControlPacketCodecTest {
    private static final SessionId CLIENT = SessionId.of(0x0102030405060708L);
    private static final SessionId SERVER = SessionId.of(0xA1A2A3A4A5A6A7A8L);

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static void assertLayout(ControlPacket packet, byte[] expected) {
        assertThat(ControlPacketCodec.encode(packet)).isEqualTo(expected);
        assertThat(ControlPacketCodec.decode(expected)).isEqualTo(Decoded.ok(packet));
    }

    private static String refusal(byte[] bytes) {
        Decoded<ControlPacket> decoded = ControlPacketCodec.decode(bytes);
        assertThat(decoded).isInstanceOf(Decoded.Malformed.class);
        return ((Decoded.Malformed<ControlPacket>) decoded).reason();
    }

    @Test
    void clientHardResetV2() {
        // C->S, first packet of a session: no acks, message id 0, no payload
        byte[] expected = hex("38"                    // opcode 7 << 3 | key id 0
                + " 01 02 03 04 05 06 07 08"        // own session id (client)
                + " 00"                             // ack count 0, so no peer session id
                + " 00 00 00 00");                  // message id 0
        assertLayout(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, CLIENT, 0, new byte[0]),
                expected);
    }

    @Test
    void serverHardResetV2AcknowledgingTheClientReset() {
        byte[] expected = hex("40"                    // opcode 8 << 3 | key id 0
                + " a1 a2 a3 a4 a5 a6 a7 a8"        // own session id (server)
                + " 01"                             // one ack
                + " 00 00 00 00"                    // acks message id 0
                + " 01 02 03 04 05 06 07 08"        // peer session id = the client's
                + " 00 00 00 00");                  // message id 0
        assertLayout(ControlPacket.message(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, SERVER, List.of(0L),
                Optional.of(CLIENT), 0, new byte[0]), expected);
    }

    @Test
    void ackV1() {
        byte[] expected = hex("28"                    // opcode 5 << 3 | key id 0
                + " 01 02 03 04 05 06 07 08"        // own session id
                + " 02"                             // two acks
                + " 00 00 00 05  ff ff ff fe"       // acked ids 5 and 4294967294
                + " a1 a2 a3 a4 a5 a6 a7 a8");      // peer session id; no message id, no payload
        assertLayout(ControlPacket.ack(0, CLIENT, List.of(5L, 0xFFFF_FFFEL), SERVER), expected);
    }

    @Test
    void controlV1WithPiggyBackedAcksAndPayload() {
        byte[] expected = hex("21"                    // opcode 4 << 3 | key id 1
                + " 01 02 03 04 05 06 07 08"        // own session id
                + " 03"                             // three acks
                + " 00 00 00 01  00 00 00 02  00 00 00 03"
                + " a1 a2 a3 a4 a5 a6 a7 a8"        // peer session id
                + " 00 00 01 00"                    // message id 256
                + " 16 03 03 00 01 ff");            // payload: TLS bytes
        assertLayout(ControlPacket.message(Opcode.CONTROL_V1, 1, CLIENT, List.of(1L, 2L, 3L), Optional.of(SERVER),
                256, hex("16 03 03 00 01 ff")), expected);
    }

    @Test
    void controlV1WithoutAcks() {
        byte[] expected = hex("20 01 02 03 04 05 06 07 08"
                + " 00"                             // no acks, no peer session id
                + " 00 00 00 01"                    // message id 1
                + " 68 69");                        // "hi"
        assertLayout(ControlPacket.message(Opcode.CONTROL_V1, 0, CLIENT, 1, "hi".getBytes(StandardCharsets.US_ASCII)),
                expected);
    }

    @Test
    void softResetWithKeyIdSeven() {
        byte[] expected = hex("1f"                    // opcode 3 << 3 | key id 7
                + " a1 a2 a3 a4 a5 a6 a7 a8"
                + " 00"
                + " 00 00 00 00");
        assertLayout(ControlPacket.message(Opcode.CONTROL_SOFT_RESET_V1, 7, SERVER, 0, new byte[0]), expected);
    }

    @Test
    void eightAcksIsTheMaximum() {
        List<Long> eight = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        byte[] encoded = ControlPacketCodec.encode(ControlPacket.ack(0, CLIENT, eight, SERVER));
        assertThat(encoded).hasSize(1 + 8 + 1 + 32 + 8);
        assertThat(ControlPacketCodec.decode(encoded).asOptional().orElseThrow().acks()).isEqualTo(eight);

        encoded[9] = 9; // claim nine acks
        assertThat(refusal(encoded)).contains("above 8");
    }

    @Test
    void ackRecordLengthMatchesAckSizeOf2x() {
        assertThat(ControlPacketCodec.ackRecordLength(0)).isEqualTo(1);
        assertThat(ControlPacketCodec.ackRecordLength(1)).isEqualTo(13);
        assertThat(ControlPacketCodec.ackRecordLength(4)).isEqualTo(25);
        assertThat(ControlPacketCodec.ackRecordLength(8)).isEqualTo(41);
    }

    @Test
    void bytesAfterAnAckRecordAreIgnored() {
        byte[] withTail = hex("28 01 02 03 04 05 06 07 08 01 00 00 00 05 a1 a2 a3 a4 a5 a6 a7 a8 de ad");
        assertThat(ControlPacketCodec.decode(withTail))
                .isEqualTo(Decoded.ok(ControlPacket.ack(0, CLIENT, List.of(5L), SERVER)));
    }

    @Test
    void refusals() {
        assertThat(refusal(new byte[0])).isEqualTo("empty packet");
        assertThat(refusal(hex("00 01 02 03 04 05 06 07 08 00 00 00 00 00"))).startsWith("unknown opcode 0");
        assertThat(refusal(hex("f8 01 02 03 04 05 06 07 08 00 00 00 00 00"))).startsWith("unknown opcode 31");
        assertThat(refusal(hex("48 00 00 01 aa bb"))).contains("DATA_V2");
        assertThat(refusal(hex("30 aa bb cc"))).contains("DATA_V1");
        assertThat(refusal(hex("38 01 02 03"))).contains("session id");
        assertThat(refusal(hex("38 01 02 03 04 05 06 07 08"))).isEqualTo("no ack count");
        assertThat(refusal(hex("38 01 02 03 04 05 06 07 08 00 00 00 00"))).isEqualTo("truncated message id");
        assertThat(refusal(hex("20 01 02 03 04 05 06 07 08 02 00 00 00 01 00 00"))).isEqualTo("truncated ack list");
        assertThat(refusal(hex("20 01 02 03 04 05 06 07 08 01 00 00 00 01 a1 a2 a3")))
                .isEqualTo("truncated peer session id");
        assertThat(refusal(hex("28 01 02 03 04 05 06 07 08 00"))).isEqualTo("ACK_V1 without acks");
    }

    @Test
    void decodesASliceOfALargerBuffer() {
        byte[] buffer = hex("ff ff 38 01 02 03 04 05 06 07 08 00 00 00 00 00 ff");
        assertThat(ControlPacketCodec.decode(buffer, 2, 14).asOptional()).contains(
                ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, CLIENT, 0, new byte[0]));
        assertThat(ControlPacketCodec.decode(buffer, 10, 14)).isInstanceOf(Decoded.Malformed.class);
        assertThat(ControlPacketCodec.decode(buffer, -1, 3)).isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void bodyAloneIsWhatWrapsProtect() {
        ControlPacket packet = ControlPacket.message(Opcode.CONTROL_V1, 0, CLIENT, List.of(4L), Optional.of(SERVER),
                6, hex("aa"));
        byte[] body = ControlPacketCodec.encodeBody(packet);
        assertThat(body).isEqualTo(hex("01 00 00 00 04 a1 a2 a3 a4 a5 a6 a7 a8 00 00 00 06 aa"));
        assertThat(ControlPacketCodec.bodyLength(packet)).isEqualTo(body.length);
        assertThat(ControlPacketCodec.decodeBody(Opcode.CONTROL_V1, 0, CLIENT, body, 0, body.length).asOptional())
                .contains(packet);
    }
}

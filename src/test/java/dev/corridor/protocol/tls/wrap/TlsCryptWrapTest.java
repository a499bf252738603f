package dev.corridor.protocol.tls.wrap;

import static dev.corridor.protocol.tls.wrap.WrapFixtures.CLIENT_CONTROL;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.KEY;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.NOW;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** tls-crypt v1 (protocol.md 2.3): known answers, roles, tampering and replays. */
class TlsCryptWrapTest {

    /**
     * Computed outside Java with the openssl command line: key bytes 00..ff; the client sends with
     * key[1] (INVERSE): Ke = bytes 128..159, Ka = bytes 192..223. Header 20 0102030405060708
     * 00000001 5f000000; plaintext = acks [7, 8] for 1112131415161718, message id 9, "hello".
     * <pre>
     *   tag = openssl dgst -sha256 -mac HMAC -macopt hexkey:c0..df (header | plaintext)
     *   ct  = openssl enc -aes-256-ctr -K 80..9f -iv tag[0..16) -nopad (plaintext)
     * </pre>
     */
    private static final String OPENSSL_CLIENT_WIRE = "200102030405060708000000015f000000"
            + "173d269a786d1d78d67c0f0ae57a790ab5b0ef857113ed30ff3c96b0b7f0a599"
            + "3b57debd91ac19febbb3744eee426b98f6f6a85c47e623748396";

    private static TlsCryptWrap client() {
        return new TlsCryptWrap(KEY, Role.CLIENT);
    }

    private static TlsCryptWrap server() {
        return new TlsCryptWrap(KEY, Role.SERVER);
    }

    @Test
    void knownAnswerFromOpenssl() {
        assertThat(client().wrap(CLIENT_CONTROL, NOW)).isEqualTo(hex(OPENSSL_CLIENT_WIRE));
        assertThat(server().unwrap(hex(OPENSSL_CLIENT_WIRE), NOW)).isEqualTo(new Unwrapped.Ok(CLIENT_CONTROL));
    }

    @Test
    void knownAnswerRecomputedWithPlainJce() throws Exception {
        // The server (NORMAL) sends with key[0]: Ke = bytes 0..31, Ka = bytes 64..95.
        ControlPacket reply = ControlPacket.message(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, WrapFixtures.SERVER_SID,
                List.of(0L), Optional.of(WrapFixtures.CLIENT_SID), 0, new byte[0]);
        byte[] header = ByteBuffer.allocate(17).put((byte) 0x40).putLong(0x1112131415161718L).putInt(1)
                .putInt((int) NOW).array();
        byte[] plaintext = hex("01 00000000 0102030405060708 00000000");

        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Arrays.copyOfRange(WrapFixtures.KEY_BYTES, 64, 96), "HmacSHA256"));
        hmac.update(header);
        byte[] tag = hmac.doFinal(plaintext);
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(WrapFixtures.KEY_BYTES, 0, 32), "AES"),
                new IvParameterSpec(Arrays.copyOf(tag, 16)));
        byte[] ciphertext = ctr.doFinal(plaintext);
        byte[] expected = ByteBuffer.allocate(17 + 32 + ciphertext.length).put(header).put(tag).put(ciphertext)
                .array();

        assertThat(server().wrap(reply, NOW)).isEqualTo(expected);
        assertThat(client().unwrap(expected, NOW)).isEqualTo(new Unwrapped.Ok(reply));
    }

    @Test
    void longPayloadsSpanManyCounterBlocks() {
        byte[] payload = new byte[1200];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        ControlPacket big = ControlPacket.message(Opcode.CONTROL_V1, 3, WrapFixtures.CLIENT_SID, 77, payload);
        byte[] wire = client().wrap(big, NOW);
        assertThat(wire).hasSize(49 + 1 + 4 + 1200);
        assertThat(server().unwrap(wire, NOW)).isEqualTo(new Unwrapped.Ok(big));
    }

    @Test
    void bothDirectionsRoundTrip() {
        TlsCryptWrap client = client();
        TlsCryptWrap server = server();
        for (int i = 0; i < 100; i++) {
            ControlPacket up = ControlPacket.message(Opcode.CONTROL_V1, 0, WrapFixtures.CLIENT_SID, i, new byte[i]);
            ControlPacket down = ControlPacket.message(Opcode.CONTROL_V1, 0, WrapFixtures.SERVER_SID, List.of((long) i),
                    Optional.of(WrapFixtures.CLIENT_SID), i, new byte[] {(byte) i});
            assertThat(server.unwrap(client.wrap(up, NOW + i), NOW + i)).isEqualTo(new Unwrapped.Ok(up));
            assertThat(client.unwrap(server.wrap(down, NOW + i), NOW + i)).isEqualTo(new Unwrapped.Ok(down));
        }
    }

    @Test
    void sameRoleOnBothEndsIsUnauthentic() {
        assertThat(client().unwrap(client().wrap(CLIENT_CONTROL, NOW), NOW)).isInstanceOf(Unwrapped.Unauthentic.class);
        assertThat(server().unwrap(server().wrap(CLIENT_CONTROL, NOW), NOW)).isInstanceOf(Unwrapped.Unauthentic.class);
    }

    @Test
    void otherKeyIsUnauthentic() {
        byte[] other = WrapFixtures.KEY_BYTES.clone();
        other[130] ^= 1; // only the client's cipher key differs
        byte[] wire = new TlsCryptWrap(StaticKey.of(other), Role.CLIENT).wrap(CLIENT_CONTROL, NOW);
        assertThat(server().unwrap(wire, NOW)).isInstanceOf(Unwrapped.Unauthentic.class);
    }

    @Test
    void everyTamperedByteIsRejected() {
        byte[] wire = client().wrap(CLIENT_CONTROL, NOW);
        for (int i = 0; i < wire.length; i++) {
            byte[] tampered = wire.clone();
            tampered[i] ^= (byte) 0x80;
            assertThat(server().unwrap(tampered, NOW)).as("byte %d flipped", i).isNotInstanceOf(Unwrapped.Ok.class);
        }
        assertThat(server().unwrap(Arrays.copyOf(wire, wire.length - 1), NOW))
                .isInstanceOf(Unwrapped.Unauthentic.class);
    }

    @Test
    void replayIsRejectedAfterTheTagCheck() {
        TlsCryptWrap client = client();
        TlsCryptWrap server = server();
        byte[] first = client.wrap(CLIENT_CONTROL, NOW);
        assertThat(server.unwrap(first, NOW)).isInstanceOf(Unwrapped.Ok.class);
        assertThat(server.unwrap(first, NOW + 1)).isEqualTo(new Unwrapped.Replayed(1, NOW));
        byte[] second = client.wrap(CLIENT_CONTROL, NOW);
        assertThat(server.unwrap(second, NOW + 1)).isInstanceOf(Unwrapped.Ok.class);
    }

    @Test
    void tlsCryptV2OpcodesAreRefused() {
        ControlPacket v3 = ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V3, 0, WrapFixtures.CLIENT_SID, 0,
                new byte[0]);
        assertThatThrownBy(() -> client().wrap(v3, NOW)).isInstanceOf(IllegalArgumentException.class);
        byte[] wire = client().wrap(CLIENT_CONTROL, NOW);
        wire[0] = Opcode.CONTROL_WKC_V1.firstByte(0);
        assertThat(server().unwrap(wire, NOW)).isInstanceOf(Unwrapped.Malformed.class);
    }

    @Test
    void malformedShapes() {
        assertThat(server().unwrap(new byte[0], NOW)).isInstanceOf(Unwrapped.Malformed.class);
        assertThat(server().unwrap(new byte[48], NOW)).isInstanceOf(Unwrapped.Malformed.class);
        assertThat(server().unwrap(hex("30 00"), NOW)).isInstanceOf(Unwrapped.Malformed.class);
        byte[] headerOnly = new byte[49];
        headerOnly[0] = 0x20;
        assertThat(server().unwrap(headerOnly, NOW)).isInstanceOf(Unwrapped.Unauthentic.class);
    }

    @Test
    void overheadCountsTheReservedBlock() {
        assertThat(client().overhead()).isEqualTo(56);
        byte[] wire = client().wrap(CLIENT_CONTROL, NOW);
        assertThat(wire.length - PlainControlWrap.INSTANCE.wrap(CLIENT_CONTROL, NOW).length).isEqualTo(40);
        assertThat(client().toString()).isEqualTo("TlsCryptWrap[CLIENT]");
    }
}

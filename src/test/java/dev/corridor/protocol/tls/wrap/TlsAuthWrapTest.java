package dev.corridor.protocol.tls.wrap;

import static dev.corridor.protocol.tls.wrap.WrapFixtures.CLIENT_CONTROL;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.KEY;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.NOW;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** tls-auth (protocol.md 2.2): layout, known answers, directions, digests, tampering and replays. */
class TlsAuthWrapTest {

    /**
     * Computed outside Java with the openssl command line: key bytes 00..ff, client with
     * key-direction 1 (sends with key[1].hmac = bytes 192..255, first H used), packet-id 1, time
     * 0x5f000000, CONTROL_V1 key 0 from sid 0102030405060708, acks [7, 8] for sid 1112131415161718,
     * message id 9, payload "hello":
     * <pre>
     *   printf pid|time|op|sid|body | openssl dgst -sha1 -mac HMAC -macopt hexkey:c0c1..d3
     * </pre>
     */
    private static final String BODY = "02 00000007 00000008 1112131415161718 00000009 68656c6c6f";
    private static final String PID_TIME = "00000001 5f000000";
    private static final String OP_SID = "20 0102030405060708";
    private static final String SHA1_HMAC = "7fa5409a411f129ca6224182cf54598744f78610";
    private static final String SHA256_HMAC = "c0fb59535ffb6f4f5d8be039c7dcb3154e3bfe694a451a7a5e52fa6a586a7585";
    private static final String SHA512_HMAC = "1e4847934ffd4a4718a723ada1e27205fecdc74d49bd56d64584aa112ec53b02"
            + "4d5756b0f916fa9697a50e3122ac7f420650127f80c1ce88d7712af75629faac";

    private static TlsAuthWrap client(TlsAuthDigest digest) {
        return new TlsAuthWrap(KEY, KeyDirection.INVERSE, digest);
    }

    private static TlsAuthWrap server(TlsAuthDigest digest) {
        return new TlsAuthWrap(KEY, KeyDirection.NORMAL, digest);
    }

    @Test
    void knownAnswersFromOpenssl() {
        assertThat(client(TlsAuthDigest.SHA1).wrap(CLIENT_CONTROL, NOW))
                .isEqualTo(hex(OP_SID + SHA1_HMAC + PID_TIME + BODY));
        assertThat(client(TlsAuthDigest.SHA256).wrap(CLIENT_CONTROL, NOW))
                .isEqualTo(hex(OP_SID + SHA256_HMAC + PID_TIME + BODY));
        assertThat(client(TlsAuthDigest.SHA512).wrap(CLIENT_CONTROL, NOW))
                .isEqualTo(hex(OP_SID + SHA512_HMAC + PID_TIME + BODY));
    }

    @ParameterizedTest
    @EnumSource(TlsAuthDigest.class)
    void knownAnswerRecomputedWithPlainJce(TlsAuthDigest digest) throws Exception {
        // The server (key-direction 0) sends with key[0].hmac: bytes 64..127, first H bytes.
        ControlPacket reply = ControlPacket.message(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, WrapFixtures.SERVER_SID,
                List.of(0L), Optional.of(WrapFixtures.CLIENT_SID), 0, new byte[0]);
        byte[] opSid = hex("40 1112131415161718");
        byte[] body = hex("01 00000000 0102030405060708 00000000");
        byte[] pidTime = hex("00000001").clone();
        byte[] time = ByteBuffer.allocate(4).putInt((int) NOW).array();
        Mac mac = Mac.getInstance(digest.jceName());
        mac.init(new SecretKeySpec(Arrays.copyOfRange(WrapFixtures.KEY_BYTES, 64, 64 + digest.length()),
                digest.jceName()));
        mac.update(pidTime);
        mac.update(time);
        mac.update(opSid);
        mac.update(body);
        byte[] hmac = mac.doFinal();
        ByteBuffer expected = ByteBuffer.allocate(9 + digest.length() + 8 + body.length);
        expected.put(opSid).put(hmac).put(pidTime).put(time).put(body);

        assertThat(server(digest).wrap(reply, NOW)).isEqualTo(expected.array());
    }

    @ParameterizedTest
    @EnumSource(TlsAuthDigest.class)
    void roundTripsBetweenNormalAndInverse(TlsAuthDigest digest) {
        TlsAuthWrap client = client(digest);
        TlsAuthWrap server = server(digest);
        assertThat(server.unwrap(client.wrap(CLIENT_CONTROL, NOW), NOW)).isEqualTo(new Unwrapped.Ok(CLIENT_CONTROL));
        ControlPacket reply = ControlPacket.message(Opcode.CONTROL_V1, 0, WrapFixtures.SERVER_SID, List.of(9L),
                Optional.of(WrapFixtures.CLIENT_SID), 10, new byte[] {1, 2, 3});
        assertThat(client.unwrap(server.wrap(reply, NOW + 1), NOW + 1)).isEqualTo(new Unwrapped.Ok(reply));
    }

    @ParameterizedTest
    @EnumSource(TlsAuthDigest.class)
    void roundTripsBidirectional(TlsAuthDigest digest) {
        TlsAuthWrap a = new TlsAuthWrap(KEY, KeyDirection.BIDIRECTIONAL, digest);
        TlsAuthWrap b = new TlsAuthWrap(KEY, KeyDirection.BIDIRECTIONAL, digest);
        assertThat(b.unwrap(a.wrap(CLIENT_CONTROL, NOW), NOW).asOptional()).contains(CLIENT_CONTROL);
        assertThat(a.unwrap(b.wrap(CLIENT_CONTROL, NOW), NOW).asOptional()).contains(CLIENT_CONTROL);
    }

    @ParameterizedTest
    @EnumSource(TlsAuthDigest.class)
    void wrongDirectionIsUnauthentic(TlsAuthDigest digest) {
        byte[] fromClient = client(digest).wrap(CLIENT_CONTROL, NOW);
        assertThat(client(digest).unwrap(fromClient, NOW)).isInstanceOf(Unwrapped.Unauthentic.class);
        assertThat(new TlsAuthWrap(KEY, KeyDirection.BIDIRECTIONAL, digest).unwrap(fromClient, NOW))
                .isInstanceOf(Unwrapped.Unauthentic.class);
        byte[] fromServer = server(digest).wrap(CLIENT_CONTROL, NOW);
        assertThat(server(digest).unwrap(fromServer, NOW)).isInstanceOf(Unwrapped.Unauthentic.class);
    }

    @Test
    void wrongDigestIsRejected() {
        byte[] sha1 = client(TlsAuthDigest.SHA1).wrap(CLIENT_CONTROL, NOW);
        assertThat(server(TlsAuthDigest.SHA256).unwrap(sha1, NOW)).isNotInstanceOf(Unwrapped.Ok.class);
        assertThat(server(TlsAuthDigest.SHA512).unwrap(sha1, NOW)).isNotInstanceOf(Unwrapped.Ok.class);
    }

    @Test
    void otherKeyIsUnauthentic() {
        byte[] other = WrapFixtures.KEY_BYTES.clone();
        other[200] ^= 1;
        TlsAuthWrap sender = new TlsAuthWrap(StaticKey.of(other), KeyDirection.INVERSE, TlsAuthDigest.SHA1);
        assertThat(server(TlsAuthDigest.SHA1).unwrap(sender.wrap(CLIENT_CONTROL, NOW), NOW))
                .isInstanceOf(Unwrapped.Unauthentic.class);
    }

    @ParameterizedTest
    @EnumSource(TlsAuthDigest.class)
    void everyTamperedByteIsRejected(TlsAuthDigest digest) {
        byte[] wire = client(digest).wrap(CLIENT_CONTROL, NOW);
        for (int i = 0; i < wire.length; i++) {
            byte[] tampered = wire.clone();
            tampered[i] ^= 0x01;
            assertThat(server(digest).unwrap(tampered, NOW)).as("byte %d flipped", i)
                    .isNotInstanceOf(Unwrapped.Ok.class);
        }
        assertThat(server(digest).unwrap(Arrays.copyOf(wire, wire.length - 1), NOW))
                .isInstanceOf(Unwrapped.Unauthentic.class);
        assertThat(server(digest).unwrap(Arrays.copyOf(wire, wire.length + 1), NOW))
                .isInstanceOf(Unwrapped.Unauthentic.class);
    }

    @Test
    void replayIsRejectedAfterAuthentication() {
        TlsAuthWrap client = client(TlsAuthDigest.SHA256);
        TlsAuthWrap server = server(TlsAuthDigest.SHA256);
        byte[] first = client.wrap(CLIENT_CONTROL, NOW);
        byte[] second = client.wrap(CLIENT_CONTROL, NOW);
        assertThat(first).isNotEqualTo(second); // every send takes a fresh packet-id
        assertThat(server.unwrap(second, NOW)).isInstanceOf(Unwrapped.Ok.class);
        assertThat(server.unwrap(first, NOW)).isInstanceOf(Unwrapped.Ok.class); // late, inside the window
        assertThat(server.unwrap(first, NOW)).isEqualTo(new Unwrapped.Replayed(1, NOW));
        assertThat(server.unwrap(second, NOW)).isEqualTo(new Unwrapped.Replayed(2, NOW));
    }

    @Test
    void aRestartedSenderWithAnOlderClockIsReplayed() {
        TlsAuthWrap server = server(TlsAuthDigest.SHA1);
        assertThat(server.unwrap(client(TlsAuthDigest.SHA1).wrap(CLIENT_CONTROL, NOW), NOW))
                .isInstanceOf(Unwrapped.Ok.class);
        assertThat(server.unwrap(client(TlsAuthDigest.SHA1).wrap(CLIENT_CONTROL, NOW - 1), NOW))
                .isInstanceOf(Unwrapped.Replayed.class);
        assertThat(server.unwrap(client(TlsAuthDigest.SHA1).wrap(CLIENT_CONTROL, NOW + 1), NOW))
                .isInstanceOf(Unwrapped.Ok.class);
    }

    @Test
    void senderTimeIsTheTimeOfTheFirstPacket() {
        TlsAuthWrap client = client(TlsAuthDigest.SHA1);
        client.wrap(CLIENT_CONTROL, NOW);
        byte[] later = client.wrap(CLIENT_CONTROL, NOW + 100);
        assertThat(Arrays.copyOfRange(later, 29, 37)).isEqualTo(hex("00000002 5f000000"));
    }

    @Test
    void malformedShapes() {
        TlsAuthWrap server = server(TlsAuthDigest.SHA1);
        assertThat(server.unwrap(new byte[0], NOW)).isInstanceOf(Unwrapped.Malformed.class);
        assertThat(server.unwrap(hex("48 00 00 01 00 00 00 00 00"), NOW)).isInstanceOf(Unwrapped.Malformed.class);
        assertThat(server.unwrap(new byte[36], NOW)).isInstanceOf(Unwrapped.Malformed.class);
        assertThat(server.unwrap(hex("20 0102030405060708"), NOW)).isInstanceOf(Unwrapped.Malformed.class);
    }

    @Test
    void overheadIsHmacPlusPacketId() {
        assertThat(client(TlsAuthDigest.SHA1).overhead()).isEqualTo(28);
        assertThat(client(TlsAuthDigest.SHA256).overhead()).isEqualTo(40);
        assertThat(client(TlsAuthDigest.SHA512).overhead()).isEqualTo(72);
        byte[] wire = client(TlsAuthDigest.SHA1).wrap(CLIENT_CONTROL, NOW);
        assertThat(wire.length - PlainControlWrap.INSTANCE.wrap(CLIENT_CONTROL, NOW).length).isEqualTo(28);
        assertThat(client(TlsAuthDigest.SHA1).toString()).isEqualTo("TlsAuthWrap[SHA1, INVERSE]");
    }
}

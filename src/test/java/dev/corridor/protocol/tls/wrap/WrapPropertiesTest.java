package dev.corridor.protocol.tls.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
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

/** Arbitrary bytes into every unwrap never throw; forged bytes never pass; real packets round-trip. */
class WrapPropertiesTest {
    private static final long NOW = WrapFixtures.NOW;

    private final TlsAuthWrap tlsAuthServer = new TlsAuthWrap(WrapFixtures.KEY, KeyDirection.NORMAL, TlsAuthDigest.SHA1);
    private final TlsAuthWrap tlsAuthServer512 =
            new TlsAuthWrap(WrapFixtures.KEY, KeyDirection.NORMAL, TlsAuthDigest.SHA512);
    private final TlsCryptWrap tlsCryptServer = new TlsCryptWrap(WrapFixtures.KEY, Role.SERVER);

    @Property(tries = 2000)
    void arbitraryBytesNeverThrowAndNeverAuthenticate(@ForAll @Size(max = 300) byte[] bytes) {
        assertThat(tlsAuthServer.unwrap(bytes, NOW)).isNotInstanceOf(Unwrapped.Ok.class);
        assertThat(tlsAuthServer512.unwrap(bytes, NOW)).isNotInstanceOf(Unwrapped.Ok.class);
        assertThat(tlsCryptServer.unwrap(bytes, NOW)).isNotInstanceOf(Unwrapped.Ok.class);
        Unwrapped plain = PlainControlWrap.INSTANCE.unwrap(bytes, NOW);
        assertThat(plain).isInstanceOfAny(Unwrapped.Ok.class, Unwrapped.Malformed.class);
    }

    @Property(tries = 1000)
    void controlLookingBytesNeverAuthenticate(@ForAll("controlFirstByte") byte first,
            @ForAll @Size(min = 40, max = 200) byte[] rest) {
        byte[] bytes = rest.clone();
        bytes[0] = first;
        assertThat(tlsAuthServer.unwrap(bytes, NOW)).isInstanceOf(Unwrapped.Unauthentic.class);
        assertThat(tlsCryptServer.unwrap(bytes, NOW)).isInstanceOfAny(Unwrapped.Unauthentic.class,
                Unwrapped.Malformed.class);
    }

    @Property(tries = 300)
    void realPacketsRoundTripThroughEveryWrap(@ForAll("packets") ControlPacket packet) {
        TlsAuthWrap authClient = new TlsAuthWrap(WrapFixtures.KEY, KeyDirection.INVERSE, TlsAuthDigest.SHA256);
        TlsAuthWrap authServer = new TlsAuthWrap(WrapFixtures.KEY, KeyDirection.NORMAL, TlsAuthDigest.SHA256);
        TlsCryptWrap cryptClient = new TlsCryptWrap(WrapFixtures.KEY, Role.CLIENT);
        TlsCryptWrap cryptServer = new TlsCryptWrap(WrapFixtures.KEY, Role.SERVER);
        assertThat(authServer.unwrap(authClient.wrap(packet, NOW), NOW)).isEqualTo(new Unwrapped.Ok(packet));
        assertThat(cryptServer.unwrap(cryptClient.wrap(packet, NOW), NOW)).isEqualTo(new Unwrapped.Ok(packet));
        assertThat(PlainControlWrap.INSTANCE.unwrap(PlainControlWrap.INSTANCE.wrap(packet, NOW), NOW))
                .isEqualTo(new Unwrapped.Ok(packet));
        assertThat(PlainControlWrap.INSTANCE.wrap(packet, NOW)).isEqualTo(ControlPacketCodec.encode(packet));
    }

    @Property(tries = 300)
    void anySingleBitFlipIsRejected(@ForAll("packets") ControlPacket packet, @ForAll @IntRange(min = 0,
            max = 10_000) int position, @ForAll @IntRange(min = 0, max = 7) int bit) {
        TlsAuthWrap authClient = new TlsAuthWrap(WrapFixtures.KEY, KeyDirection.INVERSE, TlsAuthDigest.SHA1);
        TlsCryptWrap cryptClient = new TlsCryptWrap(WrapFixtures.KEY, Role.CLIENT);
        byte[] auth = authClient.wrap(packet, NOW);
        auth[position % auth.length] ^= (byte) (1 << bit);
        assertThat(new TlsAuthWrap(WrapFixtures.KEY, KeyDirection.NORMAL, TlsAuthDigest.SHA1).unwrap(auth, NOW))
                .isNotInstanceOf(Unwrapped.Ok.class);
        byte[] crypt = cryptClient.wrap(packet, NOW);
        crypt[position % crypt.length] ^= (byte) (1 << bit);
        assertThat(new TlsCryptWrap(WrapFixtures.KEY, Role.SERVER).unwrap(crypt, NOW))
                .isNotInstanceOf(Unwrapped.Ok.class);
    }

    @Provide
    Arbitrary<Byte> controlFirstByte() {
        return Arbitraries.of(Opcode.values()).filter(op -> op.isControl() && !op.isTlsCryptV2())
                .flatMap(op -> Arbitraries.integers().between(0, 7).map(op::firstByte));
    }

    @Provide
    Arbitrary<ControlPacket> packets() {
        Arbitrary<Opcode> opcodes = Arbitraries.of(Opcode.values()).filter(op -> op.isControl() && !op.isTlsCryptV2());
        Arbitrary<Integer> keyIds = Arbitraries.integers().between(0, 7);
        Arbitrary<SessionId> sessionIds = Arbitraries.longs().map(SessionId::of);
        Arbitrary<List<Long>> acks = Arbitraries.longs().between(0, ControlPacket.MAX_MESSAGE_ID).list().ofMaxSize(8);
        Arbitrary<Long> messageIds = Arbitraries.longs().between(0, ControlPacket.MAX_MESSAGE_ID);
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
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

package dev.corridor.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.tls.wrap.ControlWrap;
import dev.corridor.protocol.tls.wrap.KeyDirection;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import dev.corridor.protocol.tls.wrap.StaticKey;
import dev.corridor.protocol.tls.wrap.TlsAuthDigest;
import dev.corridor.protocol.tls.wrap.TlsAuthWrap;
import dev.corridor.protocol.tls.wrap.TlsCryptWrap;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Payload sizes that keep every control packet inside tls-mtu, as 2.x computes them. */
class ControlPayloadSplitterTest {
    private static final StaticKey KEY = StaticKey.of(new byte[256]);

    @Test
    void defaultSizesPerWrap() {
        // 1250 - (1 + 8 + 25 + 4) - 48
        assertThat(ControlPayloadSplitter.forWrapOverhead(0).maxPayload()).isEqualTo(1164);
        assertThat(ControlPayloadSplitter.forWrapOverhead(new TlsAuthWrap(KEY, KeyDirection.NORMAL,
                TlsAuthDigest.SHA1).overhead()).maxPayload()).isEqualTo(1136);
        assertThat(ControlPayloadSplitter.forWrapOverhead(new TlsCryptWrap(KEY, Role.CLIENT).overhead()).maxPayload())
                .isEqualTo(1108);
        assertThat(new ControlPayloadSplitter(1250, 0, ControlPayloadSplitter.UDP_IPV4_OVERHEAD).maxPayload())
                .isEqualTo(1184);
    }

    @Test
    void controlPacketsNeverExceed2048AndNeverShrinkBelowSixteen() {
        assertThat(new ControlPayloadSplitter(9000, 0, 0).maxPayload()).isEqualTo(2048 - 38);
        assertThat(new ControlPayloadSplitter(60, 56, 48).maxPayload()).isEqualTo(16);
    }

    @Test
    void fullPacketsFitTheMtuForEveryWrap() {
        SessionId own = SessionId.of(1);
        SessionId peer = SessionId.of(2);
        for (ControlWrap wrap : List.of(PlainControlWrap.INSTANCE,
                new TlsAuthWrap(KEY, KeyDirection.NORMAL, TlsAuthDigest.SHA512), new TlsCryptWrap(KEY, Role.SERVER))) {
            ControlPayloadSplitter splitter = ControlPayloadSplitter.forWrapOverhead(wrap.overhead());
            ControlPacket fullest = ControlPacket.message(Opcode.CONTROL_V1, 0, own, List.of(1L, 2L, 3L, 4L),
                    Optional.of(peer), 7, new byte[splitter.maxPayload()]);
            int datagram = wrap.wrap(fullest, 1_700_000_000L).length + ControlPayloadSplitter.UDP_IPV6_OVERHEAD;
            assertThat(datagram).as("%s", wrap).isLessThanOrEqualTo(1250);
        }
    }

    @Test
    void splitKeepsOrderAndBytes() {
        ControlPayloadSplitter splitter = ControlPayloadSplitter.forWrapOverhead(0);
        byte[] tls = new byte[3000];
        for (int i = 0; i < tls.length; i++) {
            tls[i] = (byte) i;
        }
        List<byte[]> chunks = splitter.split(tls);
        assertThat(chunks).extracting(c -> c.length).containsExactly(1164, 1164, 672);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(tls);
        assertThat(splitter.split(new byte[0])).isEmpty();
        assertThat(splitter.split(new byte[1164])).hasSize(1);
        assertThat(splitter.split(tls, 1000, 10)).singleElement().satisfies(c -> assertThat(c[0]).isEqualTo(tls[1000]));
    }
}

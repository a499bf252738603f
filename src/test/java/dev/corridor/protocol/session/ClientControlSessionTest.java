package dev.corridor.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.session.SessionHarness.LinkQuality;
import dev.corridor.protocol.session.SessionHarness.Setup;
import dev.corridor.protocol.session.SessionHarness.WrapKind;
import dev.corridor.protocol.tls.TlsVersion;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client session against a blind attacker while it does not yet know the server's session id. */
class ClientControlSessionTest {

    /** Packets an off-path attacker can send without tls-auth: any session id, no ack record naming ours. */
    enum Forgery {
        SERVER_RESET(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0),
        CLIENT_RESET(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0),
        CONTROL_LATER_ID(Opcode.CONTROL_V1, 5);

        final Opcode opcode;
        final long messageId;

        Forgery(Opcode opcode, long messageId) {
            this.opcode = opcode;
            this.messageId = messageId;
        }
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void forgedPacketBeforeTheServersResetIsDroppedAndTheRealServerStillGetsThrough(Forgery forgery) {
        SessionHarness h = new SessionHarness(Setup.of(WrapKind.PLAIN, TlsVersion.TLS_1_3, false),
                LinkQuality.PERFECT, 31);
        byte[] forged = ControlPacketCodec.encode(ControlPacket.message(forgery.opcode, 0, SessionId.of(1L),
                forgery.messageId, new byte[0]));
        h.beforeControlDelivery = (toServer, index, bytes) -> {
            if (index == 1) { // the server's HARD_RESET_SERVER_V2 is about to reach the client
                h.client.session.receive(forged, h.now);
            }
        };
        h.start();
        assertThat(h.runUntil(h::connected, 30_000)).as("connected").isTrue();
        assertThat(h.client.session.counters().foreignCount()).isEqualTo(1);
        ControlSessionEndToEndTest.assertSameKeys(h, 0, KeyDerivation.PRF);
    }
}

package dev.corridor.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.session.SessionHarness.LinkQuality;
import dev.corridor.protocol.session.SessionHarness.Setup;
import dev.corridor.protocol.session.SessionHarness.WrapKind;
import dev.corridor.protocol.tls.TlsVersion;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server session's refusals, deadlines and contract with its owner. */
class ServerControlSessionTest {
    private static final Setup PLAIN_13 = Setup.of(WrapKind.PLAIN, TlsVersion.TLS_1_3, false);
    private static final Setup CRYPT_12 = Setup.of(WrapKind.TLS_CRYPT, TlsVersion.TLS_1_2, false);

    @Test
    void rejectedLoginReachesTheClientAsAuthFailedWithTheReason() {
        SessionHarness h = new SessionHarness(CRYPT_12, LinkQuality.PERFECT, 21);
        h.rejectReason = "Invalid username or password";
        h.start();
        assertThat(h.runUntil(() -> h.server != null && h.server.failure != null, 30_000)).isTrue();

        assertThat(h.client.messages).containsExactly(ControlMessage.AuthFailed.plain("Invalid username or password"));
        assertThat(h.client.keys).isEmpty();
        assertThat(h.client.failure).isNull();
        assertThat(h.server.failure.kind()).isEqualTo(ServerSessionEvent.FailureKind.AUTHENTICATION_REJECTED);
        assertThat(h.server.failure.message()).contains("Invalid username or password");
        assertThat(h.server.keys).isEmpty();
        assertThat(h.server.pushRequests).isZero();
        assertThat(h.server.session.failed()).isTrue();
        assertThat(h.server.session.nextWakeup()).isEmpty();
        // the client's PUSH_REQUEST crossed the AUTH_FAILED; it must not revive anything
        assertThat(h.client.pushRequestsSent).isEqualTo(1);
        assertThat(h.server.events).noneMatch(e -> e instanceof ServerSessionEvent.PushRequested);
    }

    @Test
    void wrongPasswordIsJudgedByTheOwnerAndRefused() {
        SessionHarness h = new SessionHarness(PLAIN_13, LinkQuality.PERFECT, 22);
        h.client.session.setCredentials(SessionHarness.USERNAME, "hunter2".toCharArray());
        h.client.session.start(h.now);
        assertThat(h.runUntil(() -> h.server != null && h.server.failure != null, 30_000)).isTrue();
        assertThat(h.server.passwordsSeen).containsExactly("hunter2");
        assertThat(h.client.messages).hasSize(1).first().isInstanceOfSatisfying(ControlMessage.AuthFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo("wrong credentials on key 0"));
    }

    @Test
    void renegotiationWithAStaleTokenIsRefusedToo() {
        SessionHarness h = new SessionHarness(CRYPT_12, LinkQuality.PERFECT, 23).start();
        assertThat(h.runUntil(h::connected, 30_000)).isTrue();
        h.client.session.setCredentials(SessionHarness.USERNAME, "expired-token".toCharArray());
        h.client.session.renegotiate(h.now);
        assertThat(h.runUntil(() -> h.server.failure != null, 30_000)).isTrue();
        assertThat(h.server.passwordsSeen).containsExactly(SessionHarness.PASSWORD, "expired-token");
        assertThat(h.client.messages).contains(ControlMessage.AuthFailed.plain("wrong credentials on key 1"));
        assertThat(h.server.keys).extracting(SessionHarness.DerivedKey::keyId).containsExactly(0);
        assertThat(h.server.failure.kind()).isEqualTo(ServerSessionEvent.FailureKind.AUTHENTICATION_REJECTED);
    }

    @Test
    void refusalEndsAfterFiveSecondsWhenTheClientNeverAcknowledges() {
        SessionHarness h = new SessionHarness(PLAIN_13, LinkQuality.PERFECT, 24);
        h.holdVerdicts = true;
        h.start();
        assertThat(h.runUntil(() -> h.server != null && !h.server.held.isEmpty(), 30_000)).isTrue();
        h.serverInbound = bytes -> null; // the client is gone
        long refusedAt = h.now;
        assertThat(h.server.session.reject(0, "go away", h.now)).isTrue();
        assertThat(h.runUntil(() -> h.server.failure != null, 30_000)).isTrue();
        assertThat(h.now - refusedAt).isBetween(ServerControlSession.REJECT_LINGER_MILLIS,
                ServerControlSession.REJECT_LINGER_MILLIS + 100);
        assertThat(h.server.failure.kind()).isEqualTo(ServerSessionEvent.FailureKind.AUTHENTICATION_REJECTED);
        assertThat(h.server.session.reject(0, "again", h.now)).isFalse();
        assertThat(h.server.session.accept(0, h.now)).isFalse();
    }

    @Test
    void pushRequestBeforeTheVerdictIsAnnouncedOnAcceptAndResendsAreAbsorbed() {
        SessionHarness h = new SessionHarness(CRYPT_12, LinkQuality.PERFECT, 25);
        h.holdVerdicts = true;
        h.start();
        assertThat(h.runUntil(() -> h.server != null && !h.server.held.isEmpty(), 30_000)).isTrue();
        h.runFor(12_000); // the client sends PUSH_REQUEST at once and again every 5 s
        assertThat(h.client.pushRequestsSent).isEqualTo(3);
        assertThat(h.server.pushRequests).isZero();
        assertThatThrownBy(() -> h.server.session.sendPushReply(List.of("ping 10"), KeyDerivation.PRF, h.now))
                .isInstanceOf(IllegalStateException.class);

        ServerSessionEvent.ClientAuthenticationRequested login = h.server.held.get(0);
        assertThat(login.toString()).doesNotContain(SessionHarness.PASSWORD).contains("[redacted]");
        assertThat(new String(login.password())).isEqualTo(SessionHarness.PASSWORD);
        login.wipePassword();
        assertThat(login.password()).containsOnly('\0');
        assertThat(h.server.session.accept(3, h.now)).as("no such key").isFalse();
        assertThat(h.server.session.accept(0, h.now)).isTrue();
        assertThat(h.server.session.accept(0, h.now)).as("already accepted").isFalse();
        assertThat(h.runUntil(h::connected, 10_000)).isTrue();
        assertThat(h.server.pushRequests).isEqualTo(1);
        h.runFor(20_000);
        assertThat(h.server.pushRequests).isEqualTo(1);
        assertThat(h.client.pushRequestsSent).isEqualTo(3);
    }

    @Test
    void pushReplyMustAgreeWithTheChosenDerivation() {
        SessionHarness h = new SessionHarness(PLAIN_13, LinkQuality.PERFECT, 26);
        h.holdVerdicts = true;
        h.start();
        assertThat(h.runUntil(() -> h.server != null && !h.server.held.isEmpty(), 30_000)).isTrue();
        h.server.session.accept(0, h.now);
        ServerControlSession session = h.server.session;
        assertThatThrownBy(() -> session.sendPushReply(List.of("key-derivation tls-ekm"), KeyDerivation.PRF, h.now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.sendPushReply(List.of("ping 10"), KeyDerivation.TLS_EKM, h.now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.sendPushReply(List.of("ping 10"), KeyDerivation.UNDECIDED, h.now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(session.keyDerivation()).isEqualTo(KeyDerivation.UNDECIDED);
        assertThat(session.sendPushReply(List.of("ping 10", "protocol-flags cc-exit tls-ekm"), KeyDerivation.TLS_EKM,
                h.now)).isTrue();
        assertThat(session.keyDerivation()).isEqualTo(KeyDerivation.TLS_EKM);
        assertThatThrownBy(() -> session.sendPushReply(List.of("ping 10"), KeyDerivation.PRF, h.now))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientThatStopsAfterItsResetTimesOutAfterHandWindow() {
        SessionHarness h = new SessionHarness(CRYPT_12, LinkQuality.PERFECT, 27);
        h.serverInbound = bytes -> h.server == null ? bytes : null;
        h.start();
        long opened = h.now;
        assertThat(h.runUntil(() -> h.server != null && h.server.failure != null, 120_000)).isTrue();
        assertThat(h.server.failure.kind()).isEqualTo(ServerSessionEvent.FailureKind.HANDSHAKE_TIMEOUT);
        assertThat(h.now - opened).isBetween(60_000L, 61_000L);
    }

    @Test
    void openTakesOnlyAnAuthenticClientResetWithMessageIdZero() {
        ServerSessionConfig config = SessionHarness.serverConfig(CRYPT_12, SessionHarness.seededRandom(1), 0);
        long now = SessionHarness.EPOCH_MILLIS;
        SessionId client = SessionId.of(0x0102030405060708L);
        assertThat(ServerControlSession.open(config, new byte[0], now)).isEmpty();
        assertThat(ServerControlSession.open(config, new byte[] {0x38, 1, 2}, now)).isEmpty();
        byte[] plainReset = ControlPacketCodec.encode(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0,
                client, 0, new byte[0]));
        assertThat(ServerControlSession.open(config, plainReset, now)).as("not tls-crypt wrapped").isEmpty();

        var clientWrap = WrapKind.TLS_CRYPT.forRole(dev.corridor.protocol.Role.CLIENT);
        byte[] softReset = clientWrap.wrap(ControlPacket.message(Opcode.CONTROL_SOFT_RESET_V1, 0, client, 0,
                new byte[0]), now / 1000);
        assertThat(ServerControlSession.open(config, softReset, now)).isEmpty();
        byte[] secondId = clientWrap.wrap(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, client, 1,
                new byte[0]), now / 1000);
        assertThat(ServerControlSession.open(config, secondId, now)).isEmpty();
        byte[] keyOne = clientWrap.wrap(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 1, client, 0,
                new byte[0]), now / 1000);
        assertThat(ServerControlSession.open(config, keyOne, now)).isEmpty();

        byte[] reset = clientWrap.wrap(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, client, 0,
                new byte[0]), now / 1000);
        Optional<ServerControlSession> opened = ServerControlSession.open(config, reset, now);
        assertThat(opened).isPresent();
        ServerControlSession session = opened.get();
        assertThat(session.peerSessionId()).isEqualTo(client);
        List<byte[]> answer = session.drainOutgoing();
        assertThat(answer).hasSize(1);
        var unwrapped = clientWrap.unwrap(answer.get(0), now / 1000);
        assertThat(unwrapped).isInstanceOfSatisfying(dev.corridor.protocol.tls.wrap.Unwrapped.Ok.class, ok -> {
            ControlPacket packet = ok.packet();
            assertThat(packet.opcode()).isEqualTo(Opcode.CONTROL_HARD_RESET_SERVER_V2);
            assertThat(packet.sessionId()).isEqualTo(session.ownSessionId());
            assertThat(packet.acks()).containsExactly(0L);
            assertThat(packet.peerSessionId()).contains(client);
            assertThat(packet.messageId()).hasValue(0);
        });
        assertThat(session.drainEvents()).isEmpty();
    }

    @Test
    void ownerMessagesGoOutOnTheNewestKeyAndClientMessagesComeBack() {
        SessionHarness h = new SessionHarness(CRYPT_12, LinkQuality.PERFECT, 28).start();
        assertThat(h.runUntil(h::connected, 30_000)).isTrue();
        assertThat(h.server.session.send(new ControlMessage.Info("maintenance at noon"), h.now)).isTrue();
        assertThat(h.client.session.send(ControlMessage.CrResponse.forAnswer("123456"), h.now)).isTrue();
        h.runFor(1_000);
        assertThat(h.client.messages).contains(new ControlMessage.Info("maintenance at noon"));
        assertThat(h.server.messages).containsExactly(ControlMessage.CrResponse.forAnswer("123456"));
        assertThat(h.server.session.renegotiate(h.now)).isTrue();
        assertThat(h.server.session.renegotiate(h.now)).as("one at a time").isFalse();
        h.server.session.close();
        assertThat(h.server.session.failed()).isTrue();
        assertThat(h.server.session.send(new ControlMessage.Info("gone"), h.now)).isFalse();
    }
}

package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionEndNoticeTest {
    private static final Instant CONNECTED = Instant.parse("2026-11-29T01:00:00Z");

    @Test
    void theNoticeComesOnceWhenFiveMinutesAreLeft() {
        SessionEndNotice notice = new SessionEndNotice();
        Instant end = CONNECTED.plus(Duration.ofHours(8));
        notice.watch(Optional.of(end));

        assertThat(notice.due(CONNECTED)).isFalse();
        assertThat(notice.due(end.minus(Duration.ofMinutes(5)).minusSeconds(1))).isFalse();
        assertThat(notice.due(end.minus(Duration.ofMinutes(5)))).isTrue();
        assertThat(notice.due(end.minus(Duration.ofMinutes(4)))).isFalse();
        assertThat(notice.due(end.plusSeconds(1))).isFalse();
    }

    @Test
    void aSessionShorterThanFiveMinutesAtConnectIsNoticedAtOnce() {
        SessionEndNotice notice = new SessionEndNotice();
        notice.watch(Optional.of(CONNECTED.plus(Duration.ofMinutes(3))));
        assertThat(notice.due(CONNECTED)).isTrue();
        assertThat(notice.due(CONNECTED.plusSeconds(1))).isFalse();
    }

    @Test
    void aReconnectKeepingTheDeadlineIsNotNoticedAgainButANewSessionIs() {
        SessionEndNotice notice = new SessionEndNotice();
        Instant end = CONNECTED.plus(Duration.ofMinutes(4));
        notice.watch(Optional.of(end));
        assertThat(notice.due(CONNECTED)).isTrue();

        notice.watch(Optional.of(end.plusSeconds(1))); // auth-token reconnect: same deadline, a second off
        assertThat(notice.due(CONNECTED.plusSeconds(30))).isFalse();

        Instant next = end.plus(Duration.ofHours(8)); // reconnect without the token: a new session
        notice.watch(Optional.of(next));
        assertThat(notice.due(end)).isFalse();
        assertThat(notice.due(next.minus(Duration.ofMinutes(1)))).isTrue();

        notice.reset(); // the user connects again
        notice.watch(Optional.of(next));
        assertThat(notice.due(next.minus(Duration.ofMinutes(1)))).isTrue();
    }

    @Test
    void anUnknownEndIsNeverNoticed() {
        SessionEndNotice notice = new SessionEndNotice();
        notice.watch(Optional.empty());
        assertThat(notice.due(CONNECTED)).isFalse();
        assertThat(notice.end()).isEmpty();
    }
}

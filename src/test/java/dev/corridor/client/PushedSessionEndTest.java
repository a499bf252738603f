package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushedSessionEndTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-29T01:00:00Z");

    @Test
    void secondsLeftBecomeTheSessionEndCountedFromReceipt() {
        assertThat(PushedSessionEnd.read(List.of("setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 86399"), RECEIVED))
                .contains(RECEIVED.plusSeconds(86399));
        assertThat(PushedSessionEnd.read(List.of("setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 0"), RECEIVED))
                .contains(RECEIVED);
    }

    @Test
    void negativeNonNumericOrMissingValuesAreIgnored() {
        for (String bad : List.of("setenv-safe CORRIDOR_SESSION_SECONDS_LEFT -5",
                "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT soon", "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT",
                "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 12.5", "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 1 2",
                "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 99999999999999999999999")) {
            assertThat(PushedSessionEnd.read(List.of(bad), RECEIVED)).as(bad).isEmpty();
        }
    }

    @Test
    void otherSetenvSafeNamesAndOtherOptionsAreIgnored() {
        assertThat(PushedSessionEnd.read(List.of("setenv-safe OTHER_SECONDS 60", "setenv CORRIDOR_SESSION_SECONDS_LEFT 5",
                "inactive 600", "setenv-safe CORRIDOR_SESSION_SECONDS_LEFTX 7"), RECEIVED)).isEmpty();
    }

    @Test
    void aBadValueDoesNotHideAGoodOne() {
        assertThat(PushedSessionEnd.read(List.of("setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 3600",
                "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT nope"), RECEIVED)).contains(RECEIVED.plusSeconds(3600));
    }
}

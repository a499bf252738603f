package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

/** Checks how {@link LevelProperty} picks a level from its candidates. */
class LevelPropertyTest {
    private final LoggerContext context = new LoggerContext();

    private LevelProperty property(String fallback, String... candidates) {
        LevelProperty property = new LevelProperty();
        property.setContext(context);
        property.setFallback(fallback);
        for (String candidate : candidates) {
            property.addCandidate(candidate);
        }
        return property;
    }

    @Test
    void picksTheMostVerboseCandidate() {
        assertThat(property("INFO", "INFO", "WARN").getPropertyValue()).isEqualTo("INFO");
        assertThat(property("INFO", "WARN", "debug").getPropertyValue()).isEqualTo("DEBUG");
        assertThat(property("INFO", "OFF", "ERROR").getPropertyValue()).isEqualTo("ERROR");
        assertThat(property("INFO", " trace ").getPropertyValue()).isEqualTo("TRACE");
    }

    @Test
    void offSilences() {
        assertThat(property("WARN", "OFF").getPropertyValue()).isEqualTo("OFF");
    }

    @Test
    void ignoresUnknownNamesWithAWarning() {
        assertThat(property("WARN", "LOUD", "INFO").getPropertyValue()).isEqualTo("INFO");

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(status -> {
                    assertThat(status.getLevel()).isEqualTo(Status.WARN);
                    assertThat(status.getMessage()).contains("LOUD");
                });
    }

    @Test
    void fallsBackWhenNoCandidateIsValid() {
        assertThat(property("WARN", "LOUD", "").getPropertyValue()).isEqualTo("WARN");
        assertThat(property("WARN").getPropertyValue()).isEqualTo("WARN");
        assertThat(property("nonsense").getPropertyValue()).isEqualTo("INFO");
    }
}

package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.client.TunnelSettings;
import dev.corridor.client.TunnelStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The details panel's "time left in the session" row: a countdown when the server told the end, "Not known" otherwise. */
@ExtendWith(ApplicationExtension.class)
class DetailsPanelSessionTest {
    private static final Instant CONNECTED = Instant.parse("2026-11-29T01:00:00Z");

    @Start
    void start(Stage stage) {
        // the panel is used without a window; the extension starts the toolkit
    }

    private static TunnelSettings settings(Optional<Instant> sessionEnd) {
        return new TunnelSettings("10.200.0.2", "255.255.252.0", "subnet", Optional.of("10.200.0.1"),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), "AES-256-GCM", "tls-ekm",
                OptionalInt.empty(), 10, 60, 1500, List.of(), List.of(), sessionEnd);
    }

    @Test
    void theTimeLeftCountsDownToTheToldEnd(FxRobot robot) {
        robot.interact(() -> {
            DetailsPanel panel = new DetailsPanel(new Labelling(Texts.forLocale(Locale.ENGLISH)));
            panel.settings(Optional.of(settings(Optional.of(CONNECTED.plus(Duration.ofHours(8))))));
            panel.statistics(TunnelStatistics.empty(), CONNECTED.plusSeconds(1));
            panel.render(Texts.forLocale(Locale.ENGLISH));
            assertThat(panel.value("session-left")).isEqualTo("7:59:59");
            panel.statistics(TunnelStatistics.empty(), CONNECTED.plus(Duration.ofHours(8)).plusSeconds(5));
            panel.render(Texts.forLocale(Locale.ENGLISH));
            assertThat(panel.value("session-left")).isEqualTo("0:00:00");
        });
    }

    @Test
    void anUntoldEndStaysNotKnownWithItsReason(FxRobot robot) {
        robot.interact(() -> {
            DetailsPanel panel = new DetailsPanel(new Labelling(Texts.forLocale(Locale.JAPANESE)));
            panel.settings(Optional.of(settings(Optional.empty())));
            panel.statistics(TunnelStatistics.empty(), CONNECTED);
            panel.render(Texts.forLocale(Locale.JAPANESE));
            assertThat(panel.value("session-left")).isEqualTo("不明");
            panel.settings(Optional.empty());
            panel.render(Texts.forLocale(Locale.JAPANESE));
            assertThat(panel.value("session-left")).isEqualTo("\u2014");
        });
    }
}

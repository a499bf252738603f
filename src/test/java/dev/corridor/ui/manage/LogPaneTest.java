package dev.corridor.ui.manage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.corridor.logging.LogLevel;
import dev.corridor.logging.RecentLogAppender;
import dev.corridor.ui.Texts;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The live log view shows new lines redacted, filters by text and level, and copies what is chosen. */
@ExtendWith(ApplicationExtension.class)
class LogPaneTest {
    private LoggerContext context;
    private Logger log;
    private LogPane pane;
    private final AtomicInteger exports = new AtomicInteger();

    @Start
    void start(Stage stage) {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        RecentLogAppender ring = RecentLogAppender.install(context, 3);
        log = context.getLogger("dev.corridor.client.Engine");
        log.setLevel(Level.DEBUG);
        log.info("before the view opened");
        pane = new LogPane(ring, Texts.forLocale(Locale.ENGLISH), exports::incrementAndGet);
        stage.setScene(new Scene(pane, 900, 400));
        stage.show();
    }

    @AfterEach
    void stop() {
        pane.close();
        context.stop();
    }

    @Test
    void newLinesArriveRedactedAndTheFilterNarrowsThem(FxRobot robot) {
        log.debug("resolving vpn.example.com");
        log.warn("sign-in failed for bob password={}", "hunter2secret");
        Fx.waitUntil(() -> pane.shownLines().size() == 3);
        assertThat(Fx.on(pane::shownLines)).first().asString().contains("before the view opened");
        assertThat(Fx.on(pane::shownLines)).noneMatch(l -> l.contains("hunter2secret"));

        robot.clickOn("#log-filter").write("SIGN-IN");
        Fx.waitUntil(() -> pane.shownLines().size() == 1);
        assertThat(Fx.on(pane::shownLines).get(0)).contains("WARN ", "Engine - sign-in failed for bob password=[redacted]");

        robot.interact(() -> pane.filter("", LogLevel.INFO));
        assertThat(Fx.on(pane::shownLines)).hasSize(2).noneMatch(l -> l.contains("resolving"));
        robot.interact(() -> pane.filter("vpn", LogLevel.TRACE));
        assertThat(Fx.on(pane::shownLines)).singleElement().asString().contains("resolving vpn.example.com");
    }

    @Test
    void theViewKeepsOnlyTheCapacity(FxRobot robot) {
        for (int i = 0; i < 10; i++) {
            log.info("line {}", i);
        }
        Fx.waitUntil(() -> pane.shownLines().size() == 3 && pane.shownLines().get(2).endsWith("line 9"));
        assertThat(Fx.on(pane::shownLines)).first().asString().endsWith("line 7");
    }

    @Test
    @SuppressWarnings("unchecked")
    void copyTakesTheSelectionOrEverythingShown(FxRobot robot) {
        log.info("second");
        log.info("third");
        Fx.waitUntil(() -> pane.shownLines().size() == 3);

        robot.clickOn("#log-copy");
        String all = Fx.on(() -> Clipboard.getSystemClipboard().getString());
        assertThat(all.lines()).hasSize(3);
        assertThat(all).contains("before the view opened", "second", "third");

        ListView<Object> list = robot.lookup("#log-lines").queryAs(ListView.class);
        robot.interact(() -> list.getSelectionModel().select(1));
        robot.clickOn("#log-copy");
        assertThat(Fx.on(() -> Clipboard.getSystemClipboard().getString()).strip()).endsWith("Engine - second");

        robot.clickOn("#log-export");
        assertThat(exports.get()).isEqualTo(1);
    }

    @Test
    void everyControlHasAnAccessibleName(FxRobot robot) {
        for (String id : new String[] {"#log-filter", "#log-level", "#log-copy", "#log-export", "#log-lines"}) {
            assertThat(robot.lookup(id).query().getAccessibleText()).as(id).isNotBlank();
        }
    }
}

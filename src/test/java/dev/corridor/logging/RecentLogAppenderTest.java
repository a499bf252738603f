package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory log ring keeps the last lines, redacted, tells listeners, and the level switch works at run time. */
class RecentLogAppenderTest {
    private final LoggerContext context = LoggerContexts.fresh("recent-test");

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void keepsTheLastLinesRedactedAndTellsListeners() throws Exception {
        RecentLogAppender ring = RecentLogAppender.install(context, 3);
        assertThat(RecentLogAppender.install(context, 99)).as("installed once").isSameAs(ring);
        List<LogLine> heard = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = ring.addListener(heard::add);
        Logger log = context.getLogger("dev.corridor.client.Engine");
        log.setLevel(Level.DEBUG);

        log.info("one");
        log.debug("two");
        log.warn("three password={}", SecretSamples.PASSWORD);
        log.error("four", new IllegalStateException("failed with " + SecretSamples.STATIC_KEY));

        assertThat(ring.snapshot()).extracting(LogLine::message)
                .hasSize(3).first().isEqualTo("two");
        LogLine warn = ring.snapshot().get(1);
        assertThat(warn.level()).isEqualTo(LogLevel.WARN);
        assertThat(warn.message()).isEqualTo("three password=[redacted]").doesNotContain(SecretSamples.PASSWORD);
        assertThat(warn.shortLogger()).isEqualTo("Engine");
        LogLine error = ring.snapshot().get(2);
        assertThat(error.message()).contains("four", "IllegalStateException", "[redacted]")
                .doesNotContain("staticKEYmark");
        assertThat(heard).hasSize(4);

        subscription.close();
        log.info("five");
        assertThat(heard).hasSize(4);
        assertThat(ring.snapshot()).last().extracting(LogLine::message).isEqualTo("five");
    }

    @Test
    void theLevelSwitchMovesTheFileThresholdAndKeepsTheConsole() {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> file = appender("FILE", "INFO");
        ListAppender<ILoggingEvent> console = appender("CONSOLE", "WARN");
        root.addAppender(file);
        root.addAppender(console);
        root.setLevel(Level.INFO);
        Logger log = context.getLogger("x");

        log.debug("before");
        assertThat(file.list).isEmpty();
        assertThat(LogLevelSwitch.fileLevel(context)).isEqualTo(LogLevel.INFO);

        LogLevelSwitch.apply(context, LogLevel.DEBUG);
        log.debug("after");
        assertThat(file.list).extracting(ILoggingEvent::getMessage).containsExactly("after");
        assertThat(console.list).isEmpty();
        assertThat(LogLevelSwitch.fileLevel(context)).isEqualTo(LogLevel.DEBUG);

        LogLevelSwitch.apply(context, LogLevel.ERROR);
        log.warn("warned");
        assertThat(file.list).hasSize(1);
        assertThat(console.list).as("the console still gets WARN").extracting(ILoggingEvent::getMessage)
                .containsExactly("warned");
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
    }

    private ListAppender<ILoggingEvent> appender(String name, String threshold) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setName(name);
        appender.setContext(context);
        ThresholdFilter filter = new ThresholdFilter();
        filter.setLevel(threshold);
        filter.start();
        appender.addFilter(filter);
        appender.start();
        return appender;
    }
}

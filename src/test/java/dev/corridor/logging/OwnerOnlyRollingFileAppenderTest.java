package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that {@link OwnerOnlyRollingFileAppender} keeps every log file it writes owner-only. */
class OwnerOnlyRollingFileAppenderTest {
    @TempDir
    Path temp;
    private final LoggerContext context = LoggerContexts.fresh("appender-test");
    private Path folder;
    private OwnerOnlyRollingFileAppender<ILoggingEvent> appender;

    @BeforeEach
    void posixOnly() {
        assumeThat(OwnerOnly.posix()).as("file modes are checked on POSIX systems").isTrue();
        folder = temp.resolve("data").resolve("logs");
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Logger start() {
        appender = new OwnerOnlyRollingFileAppender<>();
        appender.setContext(context);
        appender.setFile(folder.resolve("corridor.log").toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(folder.resolve("corridor.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> triggering = new SizeBasedTriggeringPolicy<>();
        triggering.setContext(context);
        triggering.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(triggering);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();

        Logger logger = context.getLogger("test");
        logger.addAppender(appender);
        return logger;
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void createsTheFolderAndTheFileOwnerOnly() throws IOException {
        start().info("first line");

        assertThat(appender.isStarted()).isTrue();
        assertThat(mode(folder)).isEqualTo("rwx------");
        assertThat(mode(folder.resolve("corridor.log"))).isEqualTo("rw-------");
        assertThat(folder.resolve("corridor.log")).content().isEqualTo("first line" + System.lineSeparator());
    }

    @Test
    void tightensAnExistingFileAndAppendsToIt() throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("corridor.log");
        Files.writeString(file, "earlier" + System.lineSeparator());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        start().info("later");

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(file).content().isEqualTo("earlier" + System.lineSeparator() + "later" + System.lineSeparator());
    }

    @Test
    void keepsEveryFileOwnerOnlyAcrossRollovers() throws IOException {
        Logger logger = start();
        logger.info("before the first rollover");
        appender.rollover();
        logger.info("between");
        appender.rollover();
        logger.info("after");

        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.sorted().toList();
        }
        assertThat(files).extracting(path -> path.getFileName().toString())
                .containsExactly("corridor.1.log", "corridor.2.log", "corridor.log");
        for (Path file : files) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(folder.resolve("corridor.2.log")).content().contains("before the first rollover");
        assertThat(folder.resolve("corridor.log")).content().contains("after");
    }

    @Test
    void createOwnerOnlyLeavesAnExistingFilesContent() throws IOException {
        Path file = temp.resolve("existing.log");
        Files.writeString(file, "kept");

        OwnerOnlyRollingFileAppender.createOwnerOnly(file);

        assertThat(file).content().isEqualTo("kept");
        assertThat(mode(file)).isEqualTo("rw-------");
    }
}

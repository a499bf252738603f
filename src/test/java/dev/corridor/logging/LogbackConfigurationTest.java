package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import dev.corridor.platform.DataDirectory;
import dev.corridor.platform.OwnerOnly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Loads the production {@code logback.xml} into a private Logback context, with a temporary
 * {@code corridor.home}, and checks where lines go, at which levels, with which permissions, and
 * that they are redacted.
 */
class LogbackConfigurationTest {
    private static final String[] PROPERTIES = {
            DataDirectory.OVERRIDE_PROPERTY, "corridor.log.level", "corridor.log.console"};

    @TempDir
    Path home;
    private final Map<String, String> saved = new HashMap<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;
    private LoggerContext context;

    @BeforeEach
    void isolate() {
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        }
        System.setProperty(DataDirectory.OVERRIDE_PROPERTY, home.toString());
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        if (context != null) {
            context.stop();
        }
        System.setErr(originalErr);
        System.setOut(originalOut);
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    /** Configures a fresh context from the production logback.xml (not logback-test.xml). */
    private Logger configure() throws JoranException {
        URL productionConfig = getClass().getClassLoader().getResource("logback.xml");
        assertThat(productionConfig).as("src/main/resources/logback.xml on the class path").isNotNull();
        context = LoggerContexts.fresh("corridor-config-test");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(productionConfig);
        return context.getLogger("dev.corridor.client.Engine");
    }

    private Path logFile() {
        return home.resolve("logs").resolve("corridor.log");
    }

    private String fileContent() throws IOException {
        context.stop();
        return Files.readString(logFile(), StandardCharsets.UTF_8);
    }

    @Test
    void loadsWithoutWarnings() throws Exception {
        configure();

        StatusUtil status = new StatusUtil(context);
        assertThat(status.getHighestLevel(0))
                .as(context.getStatusManager().getCopyOfStatusList().toString())
                .isLessThan(Status.WARN);
    }

    @Test
    void writesInfoAndUpToTheFileInTheDataFolder() throws Exception {
        Logger log = configure();

        log.debug("a debug line");
        log.info("an info line");
        log.warn("a warn line");

        String content = fileContent();
        assertThat(content).doesNotContain("a debug line")
                .contains(" INFO  [")
                .contains("dev.corridor.client.Engine - an info line")
                .contains("a warn line");
        assertThat(content.lines().findFirst().orElseThrow())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}([+-]\\d\\d:\\d\\d|Z) INFO  \\[.+\\] "
                        + "dev\\.corridor\\.client\\.Engine - an info line");
    }

    @Test
    void keepsTheLogFolderAndFileOwnerOnly() throws Exception {
        configure().info("hello");
        context.stop();

        assertThat(logFile()).exists();
        assumeThat(OwnerOnly.posix()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile().getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile()))).isEqualTo("rw-------");
    }

    @Test
    void rollsDailyAndBySizeWithCaps() throws Exception {
        configure();

        RollingFileAppender<?> appender = (RollingFileAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("FILE");
        assertThat(appender).isInstanceOf(OwnerOnlyRollingFileAppender.class);
        SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
        assertThat(policy.getFileNamePattern()).endsWith("/logs/corridor.%d{yyyy-MM-dd}.%i.log");
        assertThat(policy.getMaxHistory()).isEqualTo(7);
        assertThat(policy.isCleanHistoryOnStart()).isTrue(); // a short CLI run still trims old files
    }

    @Test
    void consoleShowsOnlyWarningsOnStderrAndNothingOnStdout() throws Exception {
        Logger log = configure();

        log.info("an info line");
        log.warn("a warn line");
        context.stop();

        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("WARN  Engine: a warn line" + System.lineSeparator());
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void levelsFollowTheSystemProperties() throws Exception {
        System.setProperty("corridor.log.level", "DEBUG");
        System.setProperty("corridor.log.console", "info");
        Logger log = configure();

        log.trace("a trace line");
        log.debug("a debug line");
        log.info("an info line");

        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("INFO  Engine: an info line")
                .doesNotContain("debug line");
        assertThat(fileContent()).contains("a debug line").contains("an info line").doesNotContain("trace line");
    }

    @Test
    void consoleCanBeMoreVerboseThanTheFile() throws Exception {
        System.setProperty("corridor.log.level", "WARN");
        System.setProperty("corridor.log.console", "DEBUG");
        Logger log = configure();

        log.debug("a debug line");

        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("DEBUG Engine: a debug line");
        assertThat(fileContent()).doesNotContain("a debug line");
    }

    @Test
    void anUnknownLevelFallsBackAndSaysSoOnStderr() throws Exception {
        System.setProperty("corridor.log.level", "LOUD");
        Logger log = configure();

        log.debug("a debug line");
        log.info("an info line");

        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("corridor: logging warning: Ignoring unknown log level 'LOUD'");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(fileContent()).contains("an info line").doesNotContain("a debug line");
    }

    @Test
    void redactsFileAndConsoleMessagesAndStackTraces() throws Exception {
        Logger log = configure();

        for (SecretSamples.Sample sample : SecretSamples.all()) {
            log.warn("[{}] got {}", sample.kind(), sample.text(),
                    new IOException("refused " + sample.text(), new IllegalStateException("inner " + sample.text())));
        }
        String file = fileContent();
        String console = stderr.toString(StandardCharsets.UTF_8);

        assertThat(file).contains("[password pair] got password=[redacted]")
                .contains("java.io.IOException: refused ")
                .contains("Caused by: java.lang.IllegalStateException: inner ");
        assertThat(console).contains("WARN  Engine: [password pair] got password=[redacted]")
                .contains("java.io.IOException: refused password=[redacted]");
        for (SecretSamples.Sample sample : SecretSamples.all()) {
            for (String secret : sample.secrets()) {
                assertThat(file).as("file, " + sample.kind()).doesNotContain(secret);
                assertThat(console).as("console, " + sample.kind()).doesNotContain(secret);
            }
        }
    }

    @Test
    void theStandardConversionWordsAreRedactedToo() throws Exception {
        configure();
        ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg %m %message|%ex");
        encoder.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("x");
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                getClass().getName(), logger, ch.qos.logback.classic.Level.WARN, "password={}",
                new IOException("token=abc123"), new Object[] {"hunter2"});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).startsWith("password=[redacted] password=[redacted] password=[redacted]|")
                .contains("java.io.IOException: token=[redacted]")
                .doesNotContain("hunter2").doesNotContain("abc123");
    }
}

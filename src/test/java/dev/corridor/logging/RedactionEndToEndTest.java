package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Logs every kind of secret through SLF4J into a Logback file appender that uses the redacting
 * converters, then reads the file: no secret may be there, the text around it must be.
 */
class RedactionEndToEndTest {
    @TempDir
    Path temp;
    private final LoggerContext context = LoggerContexts.fresh("redaction-e2e");

    @AfterEach
    void stop() {
        context.stop();
    }

    /** A logger whose output goes to {@code file} through {@code pattern}, with the conversion words of logback.xml. */
    private Logger loggerWritingTo(Path file, String pattern) {
        Map<String, Supplier<DynamicConverter<?>>> rules = new HashMap<>();
        rules.put("redactedMessage", RedactedMessageConverter::new);
        rules.put("redactedException", RedactedThrowableConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        root.addAppender(appender);
        return context.getLogger("dev.corridor.auth.SignIn");
    }

    private static final String REDACTING = "%-5level %logger - %redactedMessage%n%redactedException";

    private String written(Path file) throws IOException {
        context.stop(); // flushes and closes the file
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void noSecretInMessageArgumentsReachesTheFile() throws IOException {
        Path file = temp.resolve("args.log");
        Logger log = loggerWritingTo(file, REDACTING);

        for (SecretSamples.Sample sample : SecretSamples.all()) {
            log.info("[{}] before {} after", sample.kind(), sample.text());
        }
        log.debug("holding {} for bob", Secret.of("secretObjectMARK"));
        log.info("login user={} password={}", "bob", SecretSamples.PASSWORD);

        String output = written(file);
        for (SecretSamples.Sample sample : SecretSamples.all()) {
            assertThat(output).as(sample.kind()).contains("[" + sample.kind() + "] before ");
            for (String secret : sample.secrets()) {
                assertThat(output).as(sample.kind()).doesNotContain(secret);
            }
        }
        assertThat(output).contains("INFO  dev.corridor.auth.SignIn - [password pair] before password=[redacted] after");
        assertThat(output).contains("auth-token [redacted],auth-token-user [redacted],ping 10 after");
        assertThat(output).contains("CRV1:R,E:[redacted]:Ym9i:Enter your code after");
        assertThat(output).contains("DEBUG dev.corridor.auth.SignIn - holding [redacted] for bob");
        assertThat(output).contains("login user=bob password=[redacted]");
        assertThat(output).doesNotContain("secretObjectMARK");
    }

    @Test
    void noSecretInTheMessageTemplateItselfReachesTheFile() throws IOException {
        Path file = temp.resolve("template.log");
        Logger log = loggerWritingTo(file, REDACTING);

        for (SecretSamples.Sample sample : SecretSamples.all()) {
            log.warn("concatenated: " + sample.text() + " (end)");
        }

        String output = written(file);
        assertThat(output).contains("concatenated: ").contains(" (end)");
        for (SecretSamples.Sample sample : SecretSamples.all()) {
            for (String secret : sample.secrets()) {
                assertThat(output).as(sample.kind()).doesNotContain(secret);
            }
        }
    }

    @Test
    void noSecretInExceptionMessagesCausesOrSuppressedReachesTheFile() throws IOException {
        Path file = temp.resolve("exceptions.log");
        Logger log = loggerWritingTo(file, REDACTING);

        for (SecretSamples.Sample sample : SecretSamples.all()) {
            IllegalStateException cause = new IllegalStateException("cause carried " + sample.text());
            IOException failure = new IOException("server said " + sample.text(), cause);
            failure.addSuppressed(new IllegalArgumentException("suppressed " + sample.text()));
            log.error("[{}] connect failed", sample.kind(), failure);
        }

        String output = written(file);
        assertThat(output).contains("[password pair] connect failed")
                .contains("java.io.IOException: server said ")
                .contains("Caused by: java.lang.IllegalStateException: cause carried ")
                .contains("Suppressed: java.lang.IllegalArgumentException: suppressed ")
                .contains("at dev.corridor.logging.RedactionEndToEndTest.noSecretInExceptionMessagesCausesOrSuppressedReachesTheFile");
        for (SecretSamples.Sample sample : SecretSamples.all()) {
            for (String secret : sample.secrets()) {
                assertThat(output).as(sample.kind()).doesNotContain(secret);
            }
        }
    }

    @Test
    void withoutTheConvertersTheSamplesWouldLeak() throws IOException {
        // The control experiment: proves the samples are real leaks, so the tests above mean something.
        Path file = temp.resolve("plain.log");
        Logger log = loggerWritingTo(file, "%msg%n%ex");

        for (SecretSamples.Sample sample : SecretSamples.all()) {
            log.info("{}", sample.text(), new IOException(sample.text()));
        }

        String output = written(file);
        for (SecretSamples.Sample sample : SecretSamples.all()) {
            for (String secret : sample.secrets()) {
                assertThat(output).as(sample.kind()).contains(secret);
            }
        }
    }
}

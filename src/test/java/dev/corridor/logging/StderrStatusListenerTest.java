package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.WarnStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks that {@link StderrStatusListener} reports only problems, and only on stderr. */
class StderrStatusListenerTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void reportsWarningsAndErrorsOnStderr() {
        StderrStatusListener listener = new StderrStatusListener();

        listener.addStatusEvent(new InfoStatus("Found resource [logback.xml]", this));
        listener.addStatusEvent(new WarnStatus("Ignoring unknown log level 'LOUD'", this));
        listener.addStatusEvent(new ErrorStatus("openFile(corridor.log) failed", this, new IOException("Permission denied")));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "corridor: logging warning: Ignoring unknown log level 'LOUD'" + System.lineSeparator()
                + "corridor: logging error: openFile(corridor.log) failed (java.io.IOException: Permission denied)"
                + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void redactsWhatItPrints() {
        new StderrStatusListener().addStatusEvent(new WarnStatus("bad value password=hunter2", this));

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password=[redacted]").doesNotContain("hunter2");
    }
}

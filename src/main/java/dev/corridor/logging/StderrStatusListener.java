package dev.corridor.logging;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback status listener that reports problems with the logging set-up itself (a log file that
 * cannot be opened, a bad level name) on stderr, and nothing else.
 *
 * <p>Without a listener Logback prints such problems on stdout, where they would corrupt the CLI's
 * {@code --json} output; with Logback's own console listeners every start-up message would show.
 */
public class StderrStatusListener extends ContextAwareBase implements StatusListener {
    private static final String PREFIX = "corridor: logging ";
    private static final SecretRedactor REDACTOR = new SecretRedactor();

    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() >= Status.WARN) {
            System.err.println(describe(status));
        }
    }

    @Override
    public boolean isResetResistant() {
        return false;
    }

    /** One line for {@code status}: its severity, its message and, if any, its exception. */
    static String describe(Status status) {
        StringBuilder line = new StringBuilder(PREFIX)
                .append(status.getEffectiveLevel() >= Status.ERROR ? "error: " : "warning: ")
                .append(status.getMessage());
        Throwable cause = status.getThrowable();
        if (cause != null) {
            line.append(" (").append(cause).append(')');
        }
        return REDACTOR.redact(line.toString());
    }
}

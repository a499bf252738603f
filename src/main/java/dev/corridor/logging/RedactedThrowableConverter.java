package dev.corridor.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback converter that writes an event's stack trace, causes and suppressed exceptions included,
 * with every secret in their messages masked; registered in logback.xml as {@code %redactedException}.
 *
 * <p>Because it is a throwable-handling converter, a pattern that uses it does not get Logback's
 * default (unredacted) stack trace appended.
 */
public class RedactedThrowableConverter extends ThrowableProxyConverter {
    private static final SecretRedactor REDACTOR = new SecretRedactor();

    @Override
    public String convert(ILoggingEvent event) {
        return REDACTOR.redact(super.convert(event));
    }
}

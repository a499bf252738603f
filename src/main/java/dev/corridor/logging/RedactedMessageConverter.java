package dev.corridor.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback converter that writes the formatted log message, arguments included, with every secret
 * masked by {@link SecretRedactor}; registered in logback.xml as {@code %redactedMessage}.
 */
public class RedactedMessageConverter extends MessageConverter {
    private static final SecretRedactor REDACTOR = new SecretRedactor();

    @Override
    public String convert(ILoggingEvent event) {
        return REDACTOR.redact(super.convert(event));
    }
}

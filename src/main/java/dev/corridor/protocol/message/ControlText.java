package dev.corridor.protocol.message;

import java.util.Objects;

/**
 * One item cut from the control-channel byte stream by {@link ControlTextReader}: a message text,
 * or a note that a message was dropped and why.
 */
public sealed interface ControlText permits ControlText.Text, ControlText.Dropped {

    /** A message text without its NUL and trailing CR/LF; printable, never empty. */
    record Text(String value) implements ControlText {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A message was refused (control characters, not UTF-8, too long); {@code reason} is a short phrase. */
    record Dropped(String reason) implements ControlText {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package dev.corridor.protocol.message;

import java.util.List;
import java.util.Objects;

/** Checks shared by the {@link ControlMessage} records, whose fields are ':'- and ','-separated on the wire. */
final class ControlMessageFields {
    /** The option that marks a multi-part PUSH_REPLY. */
    static final String CONTINUATION = "push-continuation";

    private ControlMessageFields() {}

    /** True for {@code push-continuation} with or without an argument. */
    static boolean isContinuation(String option) {
        return option.equals(CONTINUATION) || option.startsWith(CONTINUATION + " ")
                || option.startsWith(CONTINUATION + "\t");
    }

    static void requireFlags(List<String> flags) {
        for (String flag : flags) {
            if (flag.isEmpty() || flag.indexOf(',') >= 0 || flag.indexOf(':') >= 0) {
                throw new IllegalArgumentException("bad flag: " + flag);
            }
        }
    }

    static void requireNoColon(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(name + " must not contain ':'");
        }
    }
}

package dev.corridor.protocol.message;

import java.util.Objects;

/**
 * The outcome of {@link PushOptionsParser#parse}: the typed options, or a refusal of the whole push
 * because a {@code pull-filter reject} rule matched (2.x then restarts the connection).
 */
public sealed interface PushParseResult permits PushParseResult.Accepted, PushParseResult.Rejected {

    /** The push was taken; it may still record problems and unknown options. */
    record Accepted(PushOptions options) implements PushParseResult {
        public Accepted {
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * A {@code pull-filter reject} rule matched.
     *
     * @param option the offending option (an auth-token value is redacted)
     * @param filterPrefix the prefix of the rule that matched
     */
    record Rejected(String option, String filterPrefix) implements PushParseResult {
        public Rejected {
            option = ControlMessage.PushReply.redacted(Objects.requireNonNull(option, "option"));
            Objects.requireNonNull(filterPrefix, "filterPrefix");
        }

        /** A sentence for logs and the user. */
        public String reason() {
            return "pushed option '" + option + "' rejected by pull-filter \"" + filterPrefix + "\"";
        }
    }
}

package dev.corridor.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads when the session ends from Corridor's pushed {@code setenv-safe CORRIDOR_SESSION_SECONDS_LEFT n}
 * (a Corridor convention, docs/control-channel.md); every other {@code setenv-safe} is left alone.
 *
 * <pre>
 *   "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT 86399"  + received at T  ->  session end T + 86399 s
 *   "... -5" / "... soon" / "... " (no value)                            ->  ignored, debug log
 * </pre>
 */
final class PushedSessionEnd {
    /** The environment-variable name the Corridor test server pushes. */
    static final String NAME = "CORRIDOR_SESSION_SECONDS_LEFT";

    private static final Logger LOG = LoggerFactory.getLogger(PushedSessionEnd.class);

    private PushedSessionEnd() {}

    /**
     * The session end told by the last well-formed option among {@code options}.
     *
     * @param options    pushed options the parser did not interpret ({@code PushOptions.unknown()})
     * @param receivedAt when the PUSH_REPLY arrived, from the engine's clock
     */
    static Optional<Instant> read(List<String> options, Instant receivedAt) {
        Optional<Instant> end = Optional.empty();
        for (String option : options) {
            String[] words = option.trim().split("\\s+");
            if (words.length < 2 || !words[0].equals("setenv-safe") || !words[1].equals(NAME)) {
                continue;
            }
            if (words.length != 3) {
                LOG.debug("ignored pushed {}: expected one value, got \"{}\"", NAME, option);
                continue;
            }
            long seconds;
            try {
                seconds = Long.parseLong(words[2]);
            } catch (NumberFormatException e) {
                LOG.debug("ignored pushed {}: \"{}\" is not a number of seconds", NAME, words[2]);
                continue;
            }
            if (seconds < 0 || seconds > 10L * 365 * 24 * 3600) {
                LOG.debug("ignored pushed {}: {} is out of range", NAME, seconds);
                continue;
            }
            end = Optional.of(receivedAt.plusSeconds(seconds));
        }
        return end;
    }
}

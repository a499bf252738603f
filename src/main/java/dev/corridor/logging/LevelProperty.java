package dev.corridor.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.PropertyDefinerBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Logback property definer that yields the most verbose valid level among its candidates, or its
 * fallback when none is valid; logback.xml uses it to turn the {@code corridor.log.level} and
 * {@code corridor.log.console} system properties into appender thresholds and the root level.
 *
 * <pre>
 *   &lt;define name="FILE_LEVEL" class="dev.corridor.logging.LevelProperty"&gt;
 *     &lt;candidate&gt;${corridor.log.level:-INFO}&lt;/candidate&gt;
 *     &lt;fallback&gt;INFO&lt;/fallback&gt;
 *   &lt;/define&gt;
 *   &lt;define name="ROOT_LEVEL" class="dev.corridor.logging.LevelProperty"&gt;
 *     &lt;candidate&gt;${FILE_LEVEL}&lt;/candidate&gt;
 *     &lt;candidate&gt;${CONSOLE_LEVEL}&lt;/candidate&gt;
 *   &lt;/define&gt;
 * </pre>
 *
 * An unknown name is skipped with a Logback warning (shown on stderr by {@link StderrStatusListener}).
 */
public class LevelProperty extends PropertyDefinerBase {
    private final List<String> candidates = new ArrayList<>();
    private String fallback = Level.INFO.levelStr;

    /** Adds one candidate level name (case does not matter); called by Logback for each {@code <candidate>}. */
    public void addCandidate(String candidate) {
        candidates.add(candidate);
    }

    /** Sets the level used when no candidate is a valid level name. */
    public void setFallback(String fallback) {
        this.fallback = fallback;
    }

    @Override
    public String getPropertyValue() {
        Level chosen = null;
        for (String candidate : candidates) {
            Level level = parse(candidate);
            if (level == null) {
                addWarn("Ignoring unknown log level '" + candidate + "'; use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
            } else if (chosen == null || !level.isGreaterOrEqual(chosen)) {
                chosen = level;
            }
        }
        if (chosen == null) {
            Level parsedFallback = parse(fallback);
            chosen = parsedFallback != null ? parsedFallback : Level.INFO;
        }
        return chosen.levelStr;
    }

    /** The level named {@code name} (ignoring case and surrounding spaces), or null when there is none. */
    static Level parse(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return Level.toLevel(name.trim(), null);
    }
}

package dev.corridor.profile;

import java.util.Objects;

/**
 * What Corridor does with one directive: use it, accept it with a warning, or refuse the profile,
 * and how many arguments it takes.
 *
 * @param name      directive name
 * @param verdict   supported, accepted with a warning, or rejected
 * @param reason    the diagnostic reason used for warnings and rejections
 * @param minArgs   fewest arguments
 * @param maxArgs   most arguments
 * @param note      why it is warned about or rejected (empty for supported directives)
 */
public record DirectiveRule(String name, Verdict verdict, Reason reason, int minArgs, int maxArgs, String note) {
    /** The catalogue's decision for a directive. */
    public enum Verdict { SUPPORTED, ACCEPTED_WITH_WARNING, REJECTED }

    public DirectiveRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(note, "note");
        if (minArgs < 0 || maxArgs < minArgs) {
            throw new IllegalArgumentException("bad argument bounds for " + name);
        }
    }

    boolean acceptsArgCount(int count) {
        return count >= minArgs && count <= maxArgs;
    }

    String expectedArgs() {
        if (minArgs == maxArgs) {
            return minArgs == 0 ? "no arguments" : minArgs + (minArgs == 1 ? " argument" : " arguments");
        }
        if (maxArgs == Integer.MAX_VALUE) {
            return "at least " + minArgs + (minArgs == 1 ? " argument" : " arguments");
        }
        return minArgs + " to " + maxArgs + " arguments";
    }
}

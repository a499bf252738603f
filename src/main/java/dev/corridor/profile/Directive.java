package dev.corridor.profile;

import java.util.List;
import java.util.Objects;

/**
 * A directive line as OpenVPN reads it: a name and its arguments after unquoting and unescaping.
 *
 * @param name directive name, lower-case as written (a leading {@code --} is dropped)
 * @param args arguments after the name
 * @param line 1-based line number
 */
public record Directive(String name, List<String> args, int line) implements ProfileElement {
    public Directive {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
    }

    public int argCount() {
        return args.size();
    }

    public String arg(int index) {
        return args.get(index);
    }

    /** The argument at {@code index}, or {@code fallback} when the line has fewer arguments. */
    public String argOr(int index, String fallback) {
        return index < args.size() ? args.get(index) : fallback;
    }
}

package dev.corridor.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one profile line (or one pushed option) into arguments with OpenVPN's rules (options.c {@code parse_line}).
 *
 * <pre>
 *              ┌── space ──┐
 *              v           │
 *   INITIAL ──(# or ;)──> comment: rest of line ignored
 *      │ "          ──> DOUBLE_QUOTED  ── "  ──> INITIAL   (backslash escapes the next char)
 *      │ '          ──> SINGLE_QUOTED  ── '  ──> INITIAL   (no escapes inside)
 *      │ other char ──> UNQUOTED       ── space ──> INITIAL (backslash escapes the next char)
 * </pre>
 *
 * A comment starts only where an argument could start, so {@code host#1} stays one argument.
 */
public final class LineTokenizer {
    private enum State { INITIAL, UNQUOTED, DOUBLE_QUOTED, SINGLE_QUOTED }

    /** The arguments of a line, or the reason it could not be split. */
    public record Result(List<String> tokens, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private LineTokenizer() {}

    /** Splits {@code line}; pushed options (PUSH_REPLY) follow the same rules as profile lines. */
    public static Result tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        State state = State.INITIAL;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (escaped) {
                current.append(c);
                escaped = false;
                if (state == State.INITIAL) {
                    state = State.UNQUOTED;
                }
                continue;
            }
            if (c == '\\' && state != State.SINGLE_QUOTED) {
                escaped = true;
                continue;
            }
            switch (state) {
                case INITIAL -> {
                    if (isSpace(c)) {
                        continue;
                    }
                    if (c == '#' || c == ';') {
                        return new Result(tokens, null);
                    }
                    if (c == '"') {
                        state = State.DOUBLE_QUOTED;
                    } else if (c == '\'') {
                        state = State.SINGLE_QUOTED;
                    } else {
                        current.append(c);
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (isSpace(c)) {
                        tokens.add(current.toString());
                        current.setLength(0);
                        state = State.INITIAL;
                    } else {
                        current.append(c);
                    }
                }
                case DOUBLE_QUOTED -> {
                    if (c == '"') {
                        tokens.add(current.toString());
                        current.setLength(0);
                        state = State.INITIAL;
                    } else {
                        current.append(c);
                    }
                }
                case SINGLE_QUOTED -> {
                    if (c == '\'') {
                        tokens.add(current.toString());
                        current.setLength(0);
                        state = State.INITIAL;
                    } else {
                        current.append(c);
                    }
                }
            }
        }
        if (state == State.DOUBLE_QUOTED) {
            return new Result(tokens, "no closing quotation (\") on this line");
        }
        if (state == State.SINGLE_QUOTED) {
            return new Result(tokens, "no closing quotation (') on this line");
        }
        if (escaped) {
            current.append('\\'); // a trailing backslash stands for itself, as OpenVPN keeps it
            if (state == State.INITIAL) {
                state = State.UNQUOTED;
            }
        }
        if (state == State.UNQUOTED) {
            tokens.add(current.toString());
        }
        return new Result(tokens, null);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b;
    }
}

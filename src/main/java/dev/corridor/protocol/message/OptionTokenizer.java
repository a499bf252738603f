package dev.corridor.protocol.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one pushed option into arguments with OpenVPN's config-file rules (2.x {@code parse_line}),
 * the same rules as {@code dev.corridor.profile.LineTokenizer}, which is package-private there.
 *
 * <pre>
 *   between arguments:  blanks skipped; '#' or ';' starts a comment (rest ignored)
 *   "..."               one argument; backslash escapes the next character
 *   '...'               one argument; no escapes
 *   other               runs to the next blank; backslash escapes the next character
 *   a backslash at the very end stands for itself; an unclosed quote is an error
 * </pre>
 */
final class OptionTokenizer {
    /** The arguments, or (with {@code error} set) why the option could not be split. */
    record Tokens(List<String> arguments, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private OptionTokenizer() {}

    static Tokens split(String option) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = null; // null between arguments
        char quote = 0; // '"', '\'' or 0
        int i = 0;
        while (i < option.length()) {
            char c = option.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    arguments.add(current.toString());
                    current = null;
                    quote = 0;
                } else {
                    current.append(c);
                }
                i++;
                continue;
            }
            if (c == '\\') {
                if (current == null) {
                    current = new StringBuilder();
                }
                if (i + 1 < option.length()) {
                    current.append(option.charAt(i + 1));
                    i += 2;
                } else {
                    current.append('\\');
                    i++;
                }
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    arguments.add(current.toString());
                    current = null;
                    quote = 0;
                } else {
                    current.append(c);
                }
                i++;
                continue;
            }
            if (isBlank(c)) {
                if (current != null) {
                    arguments.add(current.toString());
                    current = null;
                }
            } else if (current == null && (c == '#' || c == ';')) {
                break;
            } else if (current == null && (c == '"' || c == '\'')) {
                current = new StringBuilder();
                quote = c;
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                current.append(c);
            }
            i++;
        }
        if (quote != 0) {
            return new Tokens(List.copyOf(arguments), "no closing quotation (" + quote + ")");
        }
        if (current != null) {
            arguments.add(current.toString());
        }
        return new Tokens(List.copyOf(arguments), null);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b;
    }
}

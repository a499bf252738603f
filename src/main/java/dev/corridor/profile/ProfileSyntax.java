package dev.corridor.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the lines of a profile into directives and inline blocks, the way OpenVPN's config reader
 * does, reporting syntax problems with their line.
 *
 * <pre>
 *   line                         element
 *   ---------------------------  ------------------------------------------------
 *   blank, # comment, ; comment  nothing
 *   remote "a b" 443             Directive("remote", ["a b", "443"])
 *   --verb 3                     Directive("verb", ["3"])        (leading -- dropped)
 *   &lt;ca&gt;                   InlineBlock("ca", lines up to the line starting &lt;/ca&gt;)
 * </pre>
 */
final class ProfileSyntax {
    /** Inline blocks OpenVPN knows; others are reported. */
    static final Set<String> KNOWN_BLOCKS = Set.of("ca", "cert", "key", "tls-auth", "tls-crypt", "tls-crypt-v2",
            "extra-certs", "crl-verify", "auth-user-pass", "pkcs12", "secret", "dh", "http-proxy-user-pass",
            "connection");

    private ProfileSyntax() {}

    /** The elements read, and the tags of blocks that were opened but never closed. */
    record Elements(List<ProfileElement> elements, Set<String> unterminatedBlocks) {}

    static Elements read(List<String> lines, DiagnosticSink sink) {
        List<ProfileElement> elements = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int lineNumber = i + 1;
            String raw = lines.get(i);
            String trimmed = raw.strip();
            i++;
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("</")) {
                sink.error(Reason.STRAY_CLOSING_TAG, lineNumber,
                        "closing tag " + firstWord(trimmed) + " without a matching opening tag");
                continue;
            }
            if (trimmed.startsWith("<")) {
                String opening = firstWord(trimmed);
                if (!opening.endsWith(">") || opening.length() < 3) {
                    sink.error(Reason.UNKNOWN_BLOCK, lineNumber, "malformed inline block tag " + quote(opening));
                    continue;
                }
                String tag = opening.substring(1, opening.length() - 1).toLowerCase(Locale.ROOT);
                String closing = "</" + tag + ">";
                StringBuilder content = new StringBuilder();
                int end = -1;
                while (i < lines.size()) {
                    String inner = lines.get(i);
                    i++;
                    if (inner.stripLeading().toLowerCase(Locale.ROOT).startsWith(closing)) {
                        end = i;
                        break;
                    }
                    content.append(inner).append('\n');
                }
                if (end < 0) {
                    sink.error(Reason.UNTERMINATED_BLOCK, lineNumber,
                            "<" + tag + "> is never closed: " + closing + " not found before the end of the file");
                    return new Elements(elements, Set.of(tag));
                }
                if (!KNOWN_BLOCKS.contains(tag)) {
                    sink.error(Reason.UNKNOWN_BLOCK, lineNumber, "unknown inline block <" + tag + ">");
                    continue;
                }
                if (content.toString().isBlank()) {
                    sink.error(Reason.EMPTY_BLOCK, lineNumber, "<" + tag + "> is empty");
                    continue;
                }
                elements.add(new InlineBlock(tag, content.toString(), lineNumber, end));
                continue;
            }
            LineTokenizer.Result tokens = LineTokenizer.tokenize(raw);
            if (!tokens.ok()) {
                sink.error(Reason.UNTERMINATED_QUOTE, lineNumber, tokens.error());
                continue;
            }
            if (tokens.tokens().isEmpty()) {
                continue;
            }
            String name = tokens.tokens().get(0);
            if (name.startsWith("--") && name.length() > 2) {
                name = name.substring(2);
            }
            elements.add(new Directive(name.toLowerCase(Locale.ROOT),
                    tokens.tokens().subList(1, tokens.tokens().size()), lineNumber));
        }
        return new Elements(elements, Set.of());
    }

    private static String firstWord(String trimmed) {
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        String word = trimmed.substring(0, space);
        return word.length() > 40 ? word.substring(0, 40) + "..." : word;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}

package dev.corridor.profile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .ovpn} profiles the way OpenVPN does and decides whether Corridor can use them.
 * Never throws on bad input: every problem becomes a {@link Diagnostic} with its line.
 *
 * <pre>
 *   bytes ──ProfileText──> lines ──ProfileSyntax──> directives + blocks
 *         ──ProfileInterpreter (catalogue, referenced files, key checks)──> Profile + diagnostics
 *         ──rewrite──> self-contained text to store
 * </pre>
 */
public final class ProfileParser {
    private final DirectiveCatalogue catalogue;
    private final Clock clock;

    public ProfileParser(DirectiveCatalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** A parser with the platform's catalogue and the system clock. */
    public static ProfileParser standard() {
        return new ProfileParser(DirectiveCatalogue.standard(), Clock.systemUTC());
    }

    /**
     * Parses a profile.
     *
     * @param displayName the name used in diagnostics (usually the path as the user gave it)
     * @param bytes       the file content
     * @param files       where {@code ca file.crt}-style references are read from
     */
    public ParseResult parse(String displayName, byte[] bytes, ReferencedFiles files) {
        DiagnosticSink sink = new DiagnosticSink(displayName);
        try {
            Optional<List<String>> lines = ProfileText.decode(bytes, sink);
            if (lines.isEmpty()) {
                return new ParseResult(Optional.empty(), sink.sorted(), Optional.empty());
            }
            ProfileSyntax.Elements elements = ProfileSyntax.read(lines.get(), sink);
            ProfileInterpreter interpreter = new ProfileInterpreter(catalogue, files, clock, sink);
            Optional<Profile> profile = interpreter.interpret(elements.elements(), elements.unterminatedBlocks(),
                    Math.max(1, lines.get().size()));
            if (profile.isEmpty() || sink.hasErrors()) {
                return new ParseResult(Optional.empty(), sink.sorted(), Optional.empty());
            }
            String storable = render(lines.get(), interpreter.rewrite());
            return new ParseResult(profile, sink.sorted(), Optional.of(storable));
        } catch (RuntimeException e) {
            // A bug in a check must not turn bad input into a stack trace in front of the user.
            sink.error(Reason.INTERNAL_ERROR, 1, "the profile could not be checked (" + e.getClass().getSimpleName()
                    + "); please report this with the profile's structure, not its keys");
            return new ParseResult(Optional.empty(), sink.sorted(), Optional.empty());
        }
    }

    /** The original lines with file references replaced by inline blocks and credentials removed. */
    private static String render(List<String> lines, ProfileInterpreter.Rewrite rewrite) {
        Map<Integer, List<String>> replacements = rewrite.replacements();
        Set<Integer> dropped = rewrite.dropped();
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            if (dropped.contains(lineNumber)) {
                continue;
            }
            List<String> replacement = replacements.get(lineNumber);
            if (replacement != null) {
                out.addAll(replacement);
            } else {
                out.add(lines.get(i));
            }
        }
        return String.join("\n", out) + "\n";
    }
}

package dev.corridor.profile;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads and checks the arguments of one directive, reporting a bad one against its line. */
final class Arguments {
    private final Directive directive;
    private final DiagnosticSink sink;

    Arguments(Directive directive, DiagnosticSink sink) {
        this.directive = directive;
        this.sink = sink;
    }

    /** An integer argument within [min, max], or empty after reporting it. */
    OptionalInt integer(int index, long min, long max) {
        String text = directive.arg(index);
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                bad(index, "must be between " + min + " and " + max);
                return OptionalInt.empty();
            }
            return OptionalInt.of((int) value);
        } catch (NumberFormatException e) {
            bad(index, "must be a whole number");
            return OptionalInt.empty();
        }
    }

    /** A port 1..65535. */
    OptionalInt port(int index) {
        String text = directive.arg(index);
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        sink.error(Reason.BAD_PORT, directive.line(), directive.name() + ": \"" + shorten(text)
                + "\" is not a valid port (1 to 65535)");
        return OptionalInt.empty();
    }

    /** One of the given lower-case words, or empty after reporting it. */
    Optional<String> word(int index, Set<String> allowed) {
        String text = directive.arg(index).toLowerCase(Locale.ROOT);
        if (allowed.contains(text)) {
            return Optional.of(text);
        }
        bad(index, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        return Optional.empty();
    }

    /** An IPv4 address in dotted-quad form, checked without any name lookup. */
    Optional<String> ipv4(int index) {
        String text = directive.arg(index);
        if (Addresses.isIpv4(text)) {
            return Optional.of(text);
        }
        bad(index, "is not an IPv4 address");
        return Optional.empty();
    }

    void bad(int index, String problem) {
        sink.error(Reason.BAD_ARGUMENT, directive.line(), directive.name() + ": \"" + shorten(directive.arg(index))
                + "\" " + problem);
    }

    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}

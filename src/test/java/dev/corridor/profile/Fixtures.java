package dev.corridor.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Finds the fixture profiles in the test resources and parses them with a fixed clock. */
final class Fixtures {
    /** The fixtures' certificates are valid from 2026 for a century; this instant is inside that. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {}

    static Path folder() {
        try {
            return Path.of(Fixtures.class.getResource("/profiles").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path valid(String name) {
        return folder().resolve("valid").resolve(name);
    }

    static Path invalid(String name) {
        return folder().resolve("invalid").resolve(name);
    }

    static ProfileParser parser() {
        return parser(CLOCK);
    }

    static ProfileParser parser(Clock clock) {
        return new ProfileParser(DirectiveCatalogue.forPlatform(DirectiveCatalogue.PlatformKind.LINUX), clock);
    }

    /** Parses a fixture file as an import would, resolving referenced files next to it. */
    static ParseResult parse(Path file) {
        try {
            return parser().parse(file.getFileName().toString(), Files.readAllBytes(file),
                    ReferencedFiles.inFolder(file.getParent()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses text built in a test; referenced files are refused. */
    static ParseResult parseText(String text) {
        return parser().parse("test.ovpn", text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ReferencedFiles.NONE);
    }

    /** The inline CA block of the AWS mutual fixture, for building profiles in tests. */
    static String caBlock() {
        String text = read(valid("aws-mutual.ovpn"));
        return text.substring(text.indexOf("<ca>"), text.indexOf("</ca>") + "</ca>".length()) + "\n";
    }

    static String block(String tag, String fixture) {
        String text = read(valid(fixture));
        return text.substring(text.indexOf("<" + tag + ">"), text.indexOf("</" + tag + ">") + tag.length() + 3) + "\n";
    }
}

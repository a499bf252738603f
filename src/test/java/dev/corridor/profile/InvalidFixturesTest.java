package dev.corridor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each invalid fixture shows one error reason; the parser must name that reason at that line. */
class InvalidFixturesTest {

    /** One expected error: the fixture, its reason and its line. */
    record Expectation(String fixture, Reason reason, int line) {
        @Override
        public String toString() {
            return fixture + " -> " + reason + " at line " + line;
        }
    }

    static final List<Expectation> EXPECTATIONS = List.of(
            new Expectation("empty.ovpn", Reason.EMPTY_PROFILE, 1),
            new Expectation("binary.ovpn", Reason.NOT_TEXT, 1),
            new Expectation("not-utf8.ovpn", Reason.NOT_UTF8, 3),
            new Expectation("unterminated-block.ovpn", Reason.UNTERMINATED_BLOCK, 6),
            new Expectation("unterminated-quote.ovpn", Reason.UNTERMINATED_QUOTE, 6),
            new Expectation("stray-closing-tag.ovpn", Reason.STRAY_CLOSING_TAG, 6),
            new Expectation("unknown-block.ovpn", Reason.UNKNOWN_BLOCK, 6),
            new Expectation("empty-block.ovpn", Reason.EMPTY_BLOCK, 6),
            new Expectation("unknown-directive.ovpn", Reason.UNKNOWN_DIRECTIVE, 6),
            new Expectation("script-up.ovpn", Reason.REJECTED_FOR_SECURITY, 6),
            new Expectation("script-up.ovpn", Reason.REJECTED_FOR_SECURITY, 7),
            new Expectation("server-directive.ovpn", Reason.SERVER_ONLY, 6),
            new Expectation("not-supported-pkcs12.ovpn", Reason.NOT_SUPPORTED, 6),
            new Expectation("compression-lz4.ovpn", Reason.NOT_SUPPORTED, 6),
            new Expectation("obsolete-ns-cert-type.ovpn", Reason.OBSOLETE, 6),
            new Expectation("wrong-argument-count.ovpn", Reason.WRONG_ARGUMENT_COUNT, 6),
            new Expectation("bad-port.ovpn", Reason.BAD_PORT, 3),
            new Expectation("bad-argument-dev-tap.ovpn", Reason.BAD_ARGUMENT, 6),
            new Expectation("duplicate-ca.ovpn", Reason.DUPLICATE, 28),
            new Expectation("conflict-tls-auth-tls-crypt.ovpn", Reason.CONFLICT, 48),
            new Expectation("missing-file.ovpn", Reason.FILE_NOT_FOUND, 6),
            new Expectation("garbage-pem-certificate.ovpn", Reason.BAD_CERTIFICATE, 6),
            new Expectation("garbage-private-key.ovpn", Reason.BAD_PRIVATE_KEY, 49),
            new Expectation("mismatched-key.ovpn", Reason.KEY_CERT_MISMATCH, 49),
            new Expectation("bad-static-key.ovpn", Reason.BAD_STATIC_KEY, 28),
            new Expectation("missing-remote.ovpn", Reason.MISSING_REMOTE, 26),
            new Expectation("missing-ca.ovpn", Reason.MISSING_CA, 5),
            new Expectation("missing-authentication.ovpn", Reason.MISSING_AUTHENTICATION, 26),
            new Expectation("cert-without-key.ovpn", Reason.CERT_WITHOUT_KEY, 27),
            new Expectation("not-a-client.ovpn", Reason.NOT_A_CLIENT, 26));

    static Stream<Expectation> expectations() {
        return EXPECTATIONS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void reportsTheReasonAtTheLine(Expectation expected) {
        String fixture = expected.fixture();
        Reason reason = expected.reason();
        int line = expected.line();
        ParseResult result = Fixtures.parse(Fixtures.invalid(fixture));

        assertThat(result.usable()).isFalse();
        assertThat(result.profile()).isEmpty();
        assertThat(result.storableText()).isEmpty();
        assertThat(result.errors())
                .as("errors of %s", fixture)
                .anySatisfy(d -> {
                    assertThat(d.reason()).isEqualTo(reason);
                    assertThat(d.line()).isEqualTo(line);
                    assertThat(d.file()).isEqualTo(fixture);
                    assertThat(d.format()).startsWith(fixture + ":" + line + ": error: ");
                });
    }

    @Test
    void everyInvalidFixtureHasAnExpectation() throws IOException {
        Set<String> expected = EXPECTATIONS.stream().map(Expectation::fixture).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(Fixtures.folder().resolve("invalid"))) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void messagesNeverQuoteKeyMaterial() {
        ParseResult result = Fixtures.parse(Fixtures.invalid("garbage-private-key.ovpn"));
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.message()).doesNotContain("Z2FyYmFnZQ"));
        ParseResult staticKey = Fixtures.parse(Fixtures.invalid("bad-static-key.ovpn"));
        assertThat(staticKey.diagnostics()).allSatisfy(d -> assertThat(d.message()).doesNotContain("0123456789abcdef"));
    }

    @Test
    void oneMissingThingDoesNotCascadeIntoOthers() {
        // A ca line naming a missing file is one problem, not also "no CA".
        assertThat(Fixtures.parse(Fixtures.invalid("missing-file.ovpn")).errors())
                .extracting(Diagnostic::reason).containsExactly(Reason.FILE_NOT_FOUND);
        // A remote with a bad port is one problem, not also "no remote".
        assertThat(Fixtures.parse(Fixtures.invalid("bad-port.ovpn")).errors())
                .extracting(Diagnostic::reason).containsExactly(Reason.BAD_PORT);
        // A certificate without a key is one problem, not also "no authentication".
        assertThat(Fixtures.parse(Fixtures.invalid("cert-without-key.ovpn")).errors())
                .extracting(Diagnostic::reason).containsExactly(Reason.CERT_WITHOUT_KEY);
    }
}

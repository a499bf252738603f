package dev.corridor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Bad input of any kind yields diagnostics, never an exception or an internal error. */
class ProfileParserRobustnessTest {

    private static ParseResult parse(byte[] bytes) {
        return Fixtures.parser().parse("junk.ovpn", bytes, ReferencedFiles.NONE);
    }

    private static void assertRefusedCleanly(ParseResult result) {
        assertThat(result.usable()).isFalse();
        assertThat(result.errors()).isNotEmpty();
        assertThat(result.diagnostics()).noneMatch(d -> d.reason() == Reason.INTERNAL_ERROR);
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.line()).isPositive());
    }

    @Test
    void fiveMegabytesOfJunkIsRefusedAsTooLarge() {
        byte[] junk = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(junk);
        ParseResult result = parse(junk);
        assertRefusedCleanly(result);
        assertThat(result.errors()).extracting(Diagnostic::reason).containsExactly(Reason.TOO_LARGE);
    }

    @Test
    void largeTextJunkUnderTheLimitIsRefusedLineByLine() {
        StringBuilder text = new StringBuilder();
        Random random = new Random(11);
        while (text.length() < 900_000) {
            text.append((char) ('a' + random.nextInt(26))).append(random.nextInt(1000)).append(' ');
            if (random.nextInt(8) == 0) {
                text.append('\n');
            }
        }
        ParseResult result = parse(text.toString().getBytes(StandardCharsets.UTF_8));
        assertRefusedCleanly(result);
        assertThat(result.errors()).extracting(Diagnostic::reason).contains(Reason.UNKNOWN_DIRECTIVE);
    }

    @Test
    void overlongLineIsNamed() {
        String text = "client\nremote " + "a".repeat(ProfileText.MAX_LINE_CHARS + 1) + "\n";
        ParseResult result = parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.LINE_TOO_LONG);
            assertThat(d.line()).isEqualTo(2);
        });
    }

    @Test
    void garbagePemInEveryBlockIsReportedPerBlock() {
        String text = "client\ndev tun\nremote vpn.corridor.test\nremote-cert-tls server\n"
                + "<ca>\n-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n</ca>\n"
                + "<cert>\nhello\n</cert>\n"
                + "<key>\n-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n</key>\n"
                + "<tls-crypt>\nnot a key\n</tls-crypt>\n"
                + "<crl-verify>\n-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n</crl-verify>\n";
        ParseResult result = parse(text.getBytes(StandardCharsets.UTF_8));
        assertRefusedCleanly(result);
        assertThat(result.errors()).extracting(Diagnostic::reason).contains(Reason.BAD_CERTIFICATE,
                Reason.BAD_PRIVATE_KEY, Reason.BAD_STATIC_KEY);
        assertThat(result.errors()).extracting(Diagnostic::line).contains(5, 10, 13, 18, 21);
    }

    @Property(tries = 300)
    void arbitraryBytesNeverBreakTheParser(@ForAll @Size(max = 4096) byte[] bytes) {
        ParseResult result = parse(bytes);
        assertThat(result.diagnostics()).noneMatch(d -> d.reason() == Reason.INTERNAL_ERROR);
        assertThat(result.usable()).isFalse();
    }

    @Property(tries = 300)
    void arbitraryProfileLikeTextNeverBreaksTheParser(@ForAll("profileLikeText") String text) {
        ParseResult result = Fixtures.parseText(text);
        assertThat(result.diagnostics()).noneMatch(d -> d.reason() == Reason.INTERNAL_ERROR);
        if (!result.usable()) {
            assertThat(result.errors()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> profileLikeText() {
        Arbitrary<String> names = Arbitraries.of(DirectiveCatalogue.forPlatform(DirectiveCatalogue.PlatformKind.LINUX)
                .names().toArray(String[]::new));
        Arbitrary<String> args = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "-1", "443", "70000", "udp", "tcp", "server", "def1", "10.0.0.0",
                        "255.255.0.0", "2000::/3", "\"quoted arg\"", "'single'", "[inline]", "subject", "AES-256-GCM",
                        "x:y:?z", "infinite", "\"unterminated", "\\", "#", "dir"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> line = Arbitraries.oneOf(
                names.flatMap(n -> args.list().ofMaxSize(4).map(a -> n + " " + String.join(" ", a))),
                Arbitraries.of("<ca>", "</ca>", "<key>", "</key>", "<tls-auth>", "</tls-auth>", "<connection>",
                        "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----", "", "# comment"));
        return line.list().ofMaxSize(40).map(lines -> String.join("\n", lines));
    }
}

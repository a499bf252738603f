package dev.corridor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.profile.DirectiveCatalogue.PlatformKind;
import dev.corridor.profile.DirectiveRule.Verdict;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalogue's decisions: what is supported, what is warned about, what is refused and why. */
class DirectiveCatalogueTest {
    private static final DirectiveCatalogue LINUX = DirectiveCatalogue.forPlatform(PlatformKind.LINUX);
    private static final String BASE = "client\ndev tun\nremote vpn.corridor.test 1194\nremote-cert-tls server\n"
            + "auth-user-pass\n";

    static Stream<String> supportedNames() {
        return LINUX.names().stream().filter(n -> LINUX.rule(n).orElseThrow().verdict() == Verdict.SUPPORTED);
    }

    /** Every supported directive, with the fewest arguments it takes, reaches an interpreter branch. */
    @ParameterizedTest
    @MethodSource("supportedNames")
    void everySupportedDirectiveIsInterpreted(String name) {
        DirectiveRule rule = LINUX.rule(name).orElseThrow();
        String args = String.join(" ", java.util.Collections.nCopies(rule.minArgs(), "1"));
        ParseResult result = Fixtures.parseText(BASE + name + " " + args + "\n" + Fixtures.caBlock());

        assertThat(result.diagnostics()).noneMatch(d -> d.reason() == Reason.INTERNAL_ERROR);
        assertThat(result.diagnostics()).noneMatch(d -> d.reason() == Reason.UNKNOWN_DIRECTIVE);
    }

    /** The directives the AWS client documents are never refused. */
    @ParameterizedTest
    @ValueSource(strings = {"auth-user-pass", "ca", "cert", "cipher", "client", "connect-retry", "dev", "key",
        "nobind", "persist-key", "persist-tun", "proto", "remote", "remote-cert-tls", "remote-random-hostname",
        "reneg-sec", "resolv-retry", "static-challenge", "tun-mtu", "tun-mtu-extra", "verb", "auth-federate",
        "auth-retry", "ifconfig-ipv6", "route-ipv6"})
    void awsDirectivesAreAccepted(String name) {
        assertThat(LINUX.rule(name)).hasValueSatisfying(r -> assertThat(r.verdict()).isNotEqualTo(Verdict.REJECTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "route-up", "route-pre-down", "ipchange", "tls-verify",
        "auth-user-pass-verify", "client-connect", "client-disconnect", "learn-address", "plugin", "script-security",
        "config", "iproute"})
    void directivesThatRunProgramsOrReadFilesAreRefusedForSecurity(String name) {
        ParseResult result = Fixtures.parseText(BASE + name + " /tmp/x\n" + Fixtures.caBlock());

        assertThat(result.usable()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.REJECTED_FOR_SECURITY);
            assertThat(d.line()).isEqualTo(6);
            assertThat(d.message()).startsWith("refused for security: " + name);
        });
    }

    @Test
    void windowsOnlyDirectivesWarnElsewhere() {
        DirectiveRule linux = LINUX.rule("block-outside-dns").orElseThrow();
        DirectiveRule windows = DirectiveCatalogue.forPlatform(PlatformKind.WINDOWS).rule("block-outside-dns")
                .orElseThrow();

        assertThat(linux.verdict()).isEqualTo(Verdict.ACCEPTED_WITH_WARNING);
        assertThat(linux.reason()).isEqualTo(Reason.IGNORED_ON_PLATFORM);
        assertThat(linux.note()).contains("Windows");
        assertThat(windows.note()).doesNotContain("only means something on Windows");
    }

    @Test
    void everyRejectionAndWarningExplainsItself() {
        for (String name : LINUX.names()) {
            DirectiveRule rule = LINUX.rule(name).orElseThrow();
            if (rule.verdict() != Verdict.SUPPORTED) {
                assertThat(rule.note()).as(name).isNotBlank();
            }
        }
    }

    @Test
    void unknownDirectivesAreErrorsUnlessMarkedOptional() {
        ParseResult plain = Fixtures.parseText(BASE + "frobnicate 1\n" + Fixtures.caBlock());
        ParseResult setenvOpt = Fixtures.parseText(BASE + "setenv opt frobnicate 1\n" + Fixtures.caBlock());
        ParseResult ignore = Fixtures.parseText("ignore-unknown-option frobnicate\n" + BASE + "frobnicate 1\n"
                + Fixtures.caBlock());

        assertThat(plain.errors()).extracting(Diagnostic::reason).containsExactly(Reason.UNKNOWN_DIRECTIVE);
        assertThat(setenvOpt.usable()).isTrue();
        assertThat(setenvOpt.warnings()).extracting(Diagnostic::reason).contains(Reason.IGNORED);
        assertThat(ignore.usable()).isTrue();
    }

    @Test
    void setenvOptStillChecksKnownDirectives() {
        ParseResult result = Fixtures.parseText(BASE + "setenv opt up /bin/sh\n" + Fixtures.caBlock());
        assertThat(result.errors()).extracting(Diagnostic::reason).containsExactly(Reason.REJECTED_FOR_SECURITY);
    }

    @Test
    void credentialsAreNeverStored() {
        ParseResult inline = Fixtures.parseText(BASE + "<auth-user-pass>\nalice\nhunter2\n</auth-user-pass>\n"
                + Fixtures.caBlock());

        assertThat(inline.usable()).isTrue();
        assertThat(inline.warnings()).extracting(Diagnostic::reason).contains(Reason.CREDENTIALS_NOT_STORED);
        assertThat(inline.storableText().orElseThrow()).doesNotContain("hunter2", "alice", "<auth-user-pass>");
        assertThat(inline.storableText().orElseThrow()).contains("auth-user-pass\n");
    }

    @Test
    void argumentsAreChecked() {
        List<String> bad = List.of("remote-cert-tls client", "verb 12", "auth MD5", "data-ciphers BF-CBC",
                "redirect-gateway def2", "route 10.0.0.0 255.0.255.0", "route-ipv6 2000::/129",
                "dhcp-option DNS dns.example", "pull-filter maybe route", "static-challenge \"x\" 2",
                "resolv-retry soon", "connect-retry -1", "tun-mtu 100", "key-direction 2", "topology bus");
        for (String line : bad) {
            ParseResult result = Fixtures.parseText(BASE + line + "\n" + Fixtures.caBlock());
            assertThat(result.errors()).as(line).singleElement().satisfies(d -> {
                assertThat(d.line()).isEqualTo(6);
                assertThat(d.reason()).isIn(Reason.BAD_ARGUMENT, Reason.BAD_PORT);
            });
        }
    }

    @Test
    void certificateAndPasswordTogetherAreAllowed() {
        ParseResult result = Fixtures.parseText(BASE + Fixtures.caBlock() + Fixtures.block("cert", "aws-mutual.ovpn")
                + Fixtures.block("key", "aws-mutual.ovpn"));
        assertThat(result.profile().orElseThrow().authentication().summary()).isEqualTo("certificate+password");
    }

    @Test
    void missingServerVerificationIsWarned() {
        ParseResult result = Fixtures.parseText("client\ndev tun\nremote vpn.corridor.test\nauth-user-pass\n"
                + Fixtures.caBlock());
        assertThat(result.usable()).isTrue();
        assertThat(result.warnings()).anySatisfy(d -> assertThat(d.message()).contains("remote-cert-tls"));
    }
}

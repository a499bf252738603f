package dev.corridor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks that profile lines split into arguments exactly as OpenVPN's parse_line splits them. */
class LineTokenizerTest {
    private static java.util.List<String> tokens(String line) {
        LineTokenizer.Result result = LineTokenizer.tokenize(line);
        assertThat(result.ok()).as("tokenize %s", line).isTrue();
        return result.tokens();
    }

    @Test
    void splitsOnSpacesAndTabs() {
        assertThat(tokens("remote  vpn.example.test\t443   udp")).containsExactly("remote", "vpn.example.test", "443",
                "udp");
    }

    @Test
    void doubleQuotesKeepSpacesAndAllowEscapedQuotes() {
        assertThat(tokens("static-challenge \"Enter \\\"MFA\\\" code \" 1"))
                .containsExactly("static-challenge", "Enter \"MFA\" code ", "1");
    }

    @Test
    void singleQuotesTakeBackslashesLiterally() {
        assertThat(tokens("verify-x509-name 'C:\\path name' name")).containsExactly("verify-x509-name",
                "C:\\path name", "name");
    }

    @Test
    void backslashEscapesSpaceOutsideQuotes() {
        assertThat(tokens("ca my\\ ca.crt")).containsExactly("ca", "my ca.crt");
    }

    @Test
    void commentsStartOnlyWhereAnArgumentCouldStart() {
        assertThat(tokens("remote host#1 443 # the first server")).containsExactly("remote", "host#1", "443");
        assertThat(tokens("remote host;1 ; comment")).containsExactly("remote", "host;1");
        assertThat(tokens("   # whole line")).isEmpty();
    }

    @Test
    void quotedHashIsNotAComment() {
        assertThat(tokens("static-challenge \"# code\" 0")).containsExactly("static-challenge", "# code", "0");
    }

    @Test
    void emptyQuotedArgumentIsKept() {
        assertThat(tokens("setenv X \"\"")).containsExactly("setenv", "X", "");
    }

    @Test
    void unterminatedQuotesAreReported() {
        assertThat(LineTokenizer.tokenize("static-challenge \"Enter code 1").error()).contains("\"");
        assertThat(LineTokenizer.tokenize("static-challenge 'Enter code 1").error()).contains("'");
    }

    @Test
    void adjacentQuotedPartsEndTheArgument() {
        // OpenVPN ends a quoted argument at its closing quote; what follows starts a new one.
        assertThat(tokens("a \"b\"c")).containsExactly("a", "b", "c");
    }
}

package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionTokenizerTest {

    @Test
    void splitsOnBlanksAndHonoursQuotes() {
        assertThat(OptionTokenizer.split("route 10.0.0.0  255.0.0.0\tvpn_gateway").arguments())
                .containsExactly("route", "10.0.0.0", "255.0.0.0", "vpn_gateway");
        assertThat(OptionTokenizer.split("echo \"hello  world\" 'it''s'").arguments())
                .containsExactly("echo", "hello  world", "it", "s");
        assertThat(OptionTokenizer.split("echo \"say \\\"hi\\\"\" a\\ b 'c\\d'").arguments())
                .containsExactly("echo", "say \"hi\"", "a b", "c\\d");
    }

    @Test
    void commentsStartOnlyWhereAnArgumentCould() {
        assertThat(OptionTokenizer.split("ping 1 # comment").arguments()).containsExactly("ping", "1");
        assertThat(OptionTokenizer.split("dhcp-option DOMAIN a#b;c").arguments())
                .containsExactly("dhcp-option", "DOMAIN", "a#b;c");
        assertThat(OptionTokenizer.split("; all comment").arguments()).isEmpty();
    }

    @Test
    void reportsUnclosedQuotesAndKeepsATrailingBackslash() {
        assertThat(OptionTokenizer.split("echo \"open").ok()).isFalse();
        assertThat(OptionTokenizer.split("echo 'open").error()).contains("'");
        assertThat(OptionTokenizer.split("echo a\\").arguments()).containsExactly("echo", "a\\");
        assertThat(OptionTokenizer.split("echo \"\"").arguments()).containsExactly("echo", "");
    }
}

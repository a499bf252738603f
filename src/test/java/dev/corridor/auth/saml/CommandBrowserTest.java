package dev.corridor.auth.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandBrowserTest {
    @Test
    void splitsWordsWithQuotes() {
        assertThat(CommandBrowser.parse("  firefox --new-window 'a b' \"c d\"e ''  ").command())
                .containsExactly("firefox", "--new-window", "a b", "c de", "");
    }

    @Test
    void refusesEmptyOrOpenQuote() {
        assertThatThrownBy(() -> CommandBrowser.parse("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandBrowser.parse("x 'y")).hasMessageContaining("unclosed");
    }

    @Test
    void runsTheCommandWithTheUrlAppended(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("url");
        CommandBrowser browser = new CommandBrowser(List.of("sh", "-c", "printf %s \"$0\" > '" + out + "'"));
        String url = "https://idp.example/sso?SAMLRequest=abc%2B&RelayState=x";
        assertThat(browser.open(url)).isTrue();
        for (int i = 0; i < 100 && (!Files.exists(out) || Files.size(out) == 0); i++) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(out)).isEqualTo(url);
    }

    @Test
    void missingProgramIsReportedAsNotOpened() {
        assertThat(new CommandBrowser(List.of("/nonexistent/browser-xyz")).open("https://x")).isFalse();
    }
}

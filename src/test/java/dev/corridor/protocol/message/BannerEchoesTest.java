package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The banner's echo convention both ways; the server side with a 1,400-character banner is in PushedSettingsTest. */
class BannerEchoesTest {

    @Test
    void aShortLineIsOneQuotedMsgOptionAndBlankEdgesAreLeftOut() {
        assertThat(BannerEchoes.options("\r\n  \nWelcome, guest\r\n\n"))
                .containsExactly("echo \"msg Welcome%2C guest\"");
        assertThat(BannerEchoes.options("")).isEmpty();
    }

    @Test
    void aLongLineIsCutBetweenCharactersIntoMsgNPiecesEndedByMsg() {
        String line = "a".repeat(150) + "🙂".repeat(40); // 150 + 160 bytes: a cut must not split the emoji
        List<String> options = BannerEchoes.options(line);
        assertThat(options).hasSize(2);
        assertThat(options.get(0)).startsWith("echo \"msg-n aaa");
        assertThat(options.get(1)).startsWith("echo \"msg 🙂");
        assertThat(options).allMatch(o -> o.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                <= BannerEchoes.MAX_OPTION_BYTES);
        List<String> echoes = options.stream()
                .map(o -> PushOptionsParser.parse(List.of(o)))
                .map(r -> ((PushParseResult.Accepted) r).options().session().echo().get(0)).toList();
        assertThat(BannerEchoes.lines(echoes)).containsExactly(line);
    }

    @Test
    void theClientJoinsPiecesDecodesEscapesAndKeepsOtherServersPlainEchoesAsLines() {
        assertThat(BannerEchoes.lines(List.of(
                "Welcome to Example Corp", // a server that pushes plain echo lines
                "",
                "msg-n first%2C ",
                "msg-n second ",
                "msg third %25 %c3%A9 50% %zz",
                "msg",
                "msg-window Message from the endpoint",
                "msg-n dangling")))
                .containsExactly("Welcome to Example Corp", "first, second third % é 50% %zz", "", "dangling");
    }

    @Test
    void aPieceLeftOpenBeforeAPlainEchoEndsItsLine() {
        assertThat(BannerEchoes.lines(List.of("msg-n half", "plain"))).containsExactly("half", "plain");
    }
}

package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Arbitrary input never makes the framer or the parser throw; parsed messages write back to themselves. */
class ControlMessagePropertiesTest {

    @Property(tries = 2000)
    void framerNeverThrowsOnArbitraryBytes(@ForAll @Size(max = 400) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 300) int limit,
            @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 50) Integer> chunks) {
        ControlTextReader reader = new ControlTextReader(limit);
        int at = 0;
        int next = 0;
        while (at < bytes.length) {
            int size = chunks.isEmpty() ? bytes.length : Math.min(chunks.get(next++ % chunks.size()), bytes.length - at);
            for (ControlText item : reader.feed(bytes, at, size)) {
                if (item instanceof ControlText.Text text) {
                    assertThat(text.value()).isNotEmpty().doesNotContain("\0");
                    assertThat(text.value().chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
                    assertThat(text.value().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
                }
            }
            at += size;
        }
    }

    @Property(tries = 500)
    void validMessagesSurviveAnyChunking(@ForAll @Size(max = 10) List<@net.jqwik.api.From("messageText") String> messages,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 30) Integer> chunks) {
        StringBuilder stream = new StringBuilder();
        messages.forEach(m -> stream.append(m).append('\0'));
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        ControlTextReader reader = new ControlTextReader();
        List<String> out = new ArrayList<>();
        int at = 0;
        int next = 0;
        while (at < bytes.length) {
            int size = Math.min(chunks.get(next++ % chunks.size()), bytes.length - at);
            reader.feed(bytes, at, size).forEach(item -> out.add(((ControlText.Text) item).value()));
            at += size;
        }
        assertThat(out).isEqualTo(messages);
    }

    @Provide
    Arbitrary<String> messageText() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '€').ofMinLength(1).ofMaxLength(60);
    }

    @Property(tries = 3000)
    void parserNeverThrowsAndParsedMessagesWriteBackToThemselves(@ForAll("controlish") String text) {
        ControlMessage message = ControlMessageParser.parse(text);
        assertThat(message).isNotNull();
        assertThat(ControlMessageParser.parse(message.text())).isEqualTo(message);
        message.toString();
    }

    /** Strings that often start with a real keyword, so every branch of the parser is reached. */
    @Provide
    Arbitrary<String> controlish() {
        Arbitrary<String> keyword = Arbitraries.of("PUSH_REPLY", "PUSH_REQUEST", "AUTH_FAILED", "AUTH_FAILED,SESSION:",
                "AUTH_FAILED,TEMP", "AUTH_FAILED,TEMP[", "AUTH_FAILED,CRV1:", "AUTH_PENDING", "RESTART", "RESTART,[",
                "HALT", "INFO", "INFO_PRE", "INFO,CR_TEXT:", "INFO_PRE,WEB_AUTH:", "INFO,OPEN_URL:", "CR_RESPONSE",
                "EXIT", "", "push-continuation");
        Arbitrary<String> tail = Arbitraries.strings().withChars(",:[]/ 2=\t").withCharRange('a', 'e')
                .withChars("Ppush-continuation 12backoff advance no timeout".toCharArray()).ofMaxLength(40);
        return net.jqwik.api.Combinators.combine(keyword, tail).as(String::concat);
    }

    @Property(tries = 1000)
    void parserNeverThrowsOnAnyString(@ForAll @Size(max = 200) String text) {
        ControlMessage message = ControlMessageParser.parse(text);
        assertThat(ControlMessageParser.parse(message.text())).isEqualTo(message);
    }
}

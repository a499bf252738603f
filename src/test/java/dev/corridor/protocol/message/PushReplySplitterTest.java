package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.message.ControlMessage.PushReply;
import dev.corridor.protocol.message.PushReplyAssembler.Assembly;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushReplySplitterTest {

    private static List<String> manyRoutes(int count) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            options.add("route 10." + (i / 256) + "." + (i % 256) + ".0 255.255.255.0");
        }
        return options;
    }

    @Test
    void aShortReplyIsOneMessageWithoutContinuation() {
        List<PushReply> parts = PushReplySplitter.split(List.of("ping 1", "ping-restart 20"));
        assertThat(parts).containsExactly(new PushReply(List.of("ping 1", "ping-restart 20"), PushReply.Continuation.NONE));
        assertThat(parts.get(0).text()).isEqualTo("PUSH_REPLY,ping 1,ping-restart 20");
        assertThat(PushReplySplitter.split(List.of()).get(0).text()).isEqualTo("PUSH_REPLY");
    }

    @Test
    void aLongReplyIsSplitIntoPartsThatEachFitTheBundle() {
        List<String> options = manyRoutes(200);
        List<PushReply> parts = PushReplySplitter.split(options);
        assertThat(parts).hasSizeGreaterThan(3);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).toBytes().length).isLessThanOrEqualTo(PushReplySplitter.DEFAULT_BUNDLE_SIZE);
            assertThat(parts.get(i).continuation()).isEqualTo(
                    i < parts.size() - 1 ? PushReply.Continuation.MORE : PushReply.Continuation.LAST);
        }
        assertThat(parts.get(0).text()).endsWith(",push-continuation 2");
        assertThat(parts.get(parts.size() - 1).text()).endsWith(",push-continuation 1");
        assertThat(parts.stream().flatMap(p -> p.options().stream()).toList()).isEqualTo(options);
    }

    @Test
    void partsFillTheBundleAsFarAsTheyCan() {
        List<PushReply> parts = PushReplySplitter.split(manyRoutes(200), 1024);
        for (int i = 0; i < parts.size() - 1; i++) {
            int used = parts.get(i).toBytes().length;
            String nextOption = parts.get(i + 1).options().get(0);
            assertThat(used + 1 + nextOption.length()).isGreaterThan(1024); // the next option did not fit
        }
    }

    @Test
    void multiPartReplySurvivesTheWireAndIsReassembled() {
        List<String> options = manyRoutes(150);
        ControlTextReader reader = new ControlTextReader();
        PushReplyAssembler assembler = new PushReplyAssembler();
        Assembly last = null;
        for (PushReply part : PushReplySplitter.split(options)) {
            for (ControlText text : reader.feed(part.toBytes())) {
                last = assembler.accept((PushReply) ControlMessageParser.parse(((ControlText.Text) text).value()));
            }
        }
        assertThat(last).isEqualTo(new Assembly.Complete(options));
        assertThat(assembler.isCollecting()).isFalse();
    }

    @Test
    void assemblerReportsIncompleteUntilTheLastPart() {
        PushReplyAssembler assembler = new PushReplyAssembler();
        assertThat(assembler.accept(new PushReply(List.of("a"), PushReply.Continuation.MORE)))
                .isEqualTo(new Assembly.Incomplete(1));
        assertThat(assembler.accept(new PushReply(List.of("b"), PushReply.Continuation.MORE)))
                .isEqualTo(new Assembly.Incomplete(2));
        assertThat(assembler.accept(new PushReply(List.of("c"), PushReply.Continuation.LAST)))
                .isEqualTo(new Assembly.Complete(List.of("a", "b", "c")));
        assertThat(assembler.accept(PushReply.of(List.of("d")))).isEqualTo(new Assembly.Complete(List.of("d")));
    }

    @Test
    void assemblerGivesUpBeyondItsLimitsAndStartsAfresh() {
        PushReplyAssembler assembler = new PushReplyAssembler(2, 100);
        assembler.accept(new PushReply(List.of("a"), PushReply.Continuation.MORE));
        assembler.accept(new PushReply(List.of("b"), PushReply.Continuation.MORE));
        assertThat(assembler.accept(new PushReply(List.of("c"), PushReply.Continuation.MORE)))
                .isInstanceOf(Assembly.TooLarge.class);
        assertThat(assembler.isCollecting()).isFalse();
        PushReplyAssembler small = new PushReplyAssembler(10, 2);
        assertThat(small.accept(PushReply.of(List.of("a", "b", "c")))).isInstanceOf(Assembly.TooLarge.class);
    }

    @Test
    void anOptionTooLongForAnyPartIsRefused() {
        List<String> options = new ArrayList<>(manyRoutes(100));
        options.add("echo " + "x".repeat(1000));
        assertThatThrownBy(() -> PushReplySplitter.split(options)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completeHidesTheAuthToken() {
        assertThat(new Assembly.Complete(List.of("auth-token abc")).toString()).doesNotContain("abc");
    }
}

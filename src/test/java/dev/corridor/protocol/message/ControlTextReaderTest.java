package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ControlTextReaderTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<ControlText> items) {
        return items.stream().map(item -> item instanceof ControlText.Text t ? t.value()
                : "DROPPED: " + ((ControlText.Dropped) item).reason()).toList();
    }

    @Test
    void splitsSeveralMessagesInOneRecord() {
        ControlTextReader reader = new ControlTextReader();
        assertThat(texts(reader.feed(bytes("PUSH_REPLY,ping 1\0INFO,hello\0EXIT\0"))))
                .containsExactly("PUSH_REPLY,ping 1", "INFO,hello", "EXIT");
        assertThat(reader.pendingBytes()).isZero();
    }

    @Test
    void joinsAMessageSplitAcrossRecords() {
        ControlTextReader reader = new ControlTextReader();
        assertThat(reader.feed(bytes("AUTH_FAILED,CRV1:R:inst"))).isEmpty();
        assertThat(reader.pendingBytes()).isEqualTo(23);
        assertThat(reader.feed(bytes("ance-1/2/3:b'Ti9B':https://idp/x?a=1"))).isEmpty();
        assertThat(texts(reader.feed(bytes("\0PUSH_")))).containsExactly(
                "AUTH_FAILED,CRV1:R:instance-1/2/3:b'Ti9B':https://idp/x?a=1");
        assertThat(texts(reader.feed(bytes("REQUEST\0")))).containsExactly("PUSH_REQUEST");
    }

    @Test
    void byteByByteGivesTheSameMessages() {
        byte[] stream = bytes("A,1\0\0B,2\r\n\0C\0");
        ControlTextReader reader = new ControlTextReader();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            out.addAll(texts(reader.feed(stream, i, 1)));
        }
        assertThat(out).containsExactly("A,1", "B,2", "C");
    }

    @Test
    void stripsTrailingCarriageReturnsAndLineFeedsAndSkipsEmptyMessages() {
        assertThat(texts(new ControlTextReader().feed(bytes("AUTH_FAILED,bad password\r\n\0\r\n\0\0"))))
                .containsExactly("AUTH_FAILED,bad password");
    }

    @Test
    void dropsMessagesWithControlCharactersAndCarriesOn() {
        assertThat(texts(new ControlTextReader().feed(bytes("INFO,a\nb\0INFO,tab\there\0DEL\u007f\0INFO,ok\0"))))
                .containsExactly("DROPPED: control character 0x0a in message", "DROPPED: control character 0x09 in message",
                        "DROPPED: control character 0x7f in message", "INFO,ok");
    }

    @Test
    void acceptsUtf8ButDropsInvalidUtf8() {
        byte[] invalid = {'I', 'N', 'F', 'O', ',', (byte) 0xC3, 0};
        ControlTextReader reader = new ControlTextReader();
        assertThat(texts(reader.feed(bytes("INFO,Willkommen – ようこそ\0")))).containsExactly("INFO,Willkommen – ようこそ");
        assertThat(texts(reader.feed(invalid))).containsExactly("DROPPED: message is not UTF-8");
    }

    @Test
    void dropsAnOverlongMessageOnceAndResynchronisesAtTheNextNul() {
        ControlTextReader reader = new ControlTextReader(10);
        List<String> out = new ArrayList<>(texts(reader.feed(bytes("0123456789"))));
        assertThat(out).isEmpty();
        out.addAll(texts(reader.feed(bytes("abc"))));
        out.addAll(texts(reader.feed(bytes("def\0EXIT\0"))));
        assertThat(out).containsExactly("DROPPED: message longer than 10 bytes", "EXIT");
        assertThat(reader.pendingBytes()).isZero();
    }

    @Test
    void randomChunkingNeverChangesTheResult() {
        byte[] stream = bytes("PUSH_REPLY,route 10.0.0.0 255.0.0.0,ping 1\0INFO,x\0AUTH_PENDING,timeout 30\0");
        Random random = new Random(9);
        for (int run = 0; run < 200; run++) {
            ControlTextReader reader = new ControlTextReader();
            List<String> out = new ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                int size = Math.min(1 + random.nextInt(12), stream.length - at);
                out.addAll(texts(reader.feed(stream, at, size)));
                at += size;
            }
            assertThat(out).containsExactly("PUSH_REPLY,route 10.0.0.0 255.0.0.0,ping 1", "INFO,x",
                    "AUTH_PENDING,timeout 30");
        }
    }
}

package dev.corridor.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The uint16 length prefix for TCP and the deframer that undoes it over arbitrary chunks. */
class TcpFramingTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static List<byte[]> packets(Deframed deframed) {
        assertThat(deframed).isInstanceOf(Deframed.Packets.class);
        return ((Deframed.Packets) deframed).packets();
    }

    @Test
    void frameAddsABigEndianLength() {
        assertThat(TcpFraming.frame(hex("38 01 02"))).isEqualTo(hex("00 03 38 01 02"));
        byte[] big = new byte[0x1234];
        assertThat(TcpFraming.frame(big)).startsWith(0x12, 0x34).hasSize(0x1236);
        assertThatThrownBy(() -> TcpFraming.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TcpFraming.frame(new byte[65536])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalPacketsInOneChunk() {
        TcpStreamDeframer deframer = new TcpStreamDeframer(100);
        List<byte[]> out = packets(deframer.feed(hex("00 01 aa  00 02 bb cc  00 03 dd ee ff")));
        assertThat(out).containsExactly(hex("aa"), hex("bb cc"), hex("dd ee ff"));
        assertThat(deframer.isAtBoundary()).isTrue();
    }

    @Test
    void oneByteAtATime() {
        TcpStreamDeframer deframer = new TcpStreamDeframer(100);
        byte[] stream = hex("00 02 bb cc 00 01 aa");
        List<byte[]> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(packets(deframer.feed(new byte[] {b})));
            if (out.isEmpty()) {
                assertThat(deframer.isAtBoundary()).isFalse();
            }
        }
        assertThat(out).containsExactly(hex("bb cc"), hex("aa"));
        assertThat(deframer.isAtBoundary()).isTrue();
    }

    @Test
    void randomChunkingGivesTheSamePackets() {
        Random random = new Random(42);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            byte[] packet = new byte[1 + random.nextInt(3000)];
            random.nextBytes(packet);
            sent.add(packet);
            stream.writeBytes(TcpFraming.frame(packet));
        }
        byte[] all = stream.toByteArray();
        TcpStreamDeframer deframer = new TcpStreamDeframer(3000);
        List<byte[]> received = new ArrayList<>();
        int at = 0;
        while (at < all.length) {
            int length = Math.min(all.length - at, random.nextInt(5000));
            received.addAll(packets(deframer.feed(all, at, length)));
            at += length;
        }
        assertThat(received).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i)).isEqualTo(sent.get(i));
        }
    }

    @Test
    void lengthZeroBreaksTheStreamForGood() {
        TcpStreamDeframer deframer = new TcpStreamDeframer(100);
        Deframed result = deframer.feed(hex("00 01 aa 00 00 00 01 bb"));
        assertThat(result).isInstanceOf(Deframed.Broken.class);
        Deframed.Broken broken = (Deframed.Broken) result;
        assertThat(broken.packetsBefore()).containsExactly(hex("aa"));
        assertThat(broken.reason()).isEqualTo("length 0");
        assertThat(deframer.feed(hex("00 01 cc"))).isInstanceOf(Deframed.Broken.class);
        assertThat(deframer.isAtBoundary()).isFalse();
    }

    @Test
    void lengthAboveTheLimitBreaksTheStream() {
        TcpStreamDeframer deframer = new TcpStreamDeframer(1500);
        assertThat(packets(deframer.feed(hex("05")))).isEmpty();
        Deframed result = deframer.feed(hex("dd 00"));
        assertThat(result).isInstanceOf(Deframed.Broken.class);
        assertThat(((Deframed.Broken) result).reason()).contains("1501").contains("1500");
    }

    @Test
    void packetExactlyAtTheLimitPasses() {
        TcpStreamDeframer deframer = new TcpStreamDeframer(3);
        assertThat(packets(deframer.feed(hex("00 03 01 02 03")))).containsExactly(hex("01 02 03"));
    }

    @Test
    void limitMustFitAUint16() {
        assertThatThrownBy(() -> new TcpStreamDeframer(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpStreamDeframer(65536)).isInstanceOf(IllegalArgumentException.class);
    }
}

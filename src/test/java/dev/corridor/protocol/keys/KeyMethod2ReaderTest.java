package dev.corridor.protocol.keys;

import static dev.corridor.protocol.keys.KeyMethod2WriterTest.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.tls.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyMethod2ReaderTest {

    private static KeyMethod2ReadResult feedAll(KeyMethod2Reader reader, byte[] bytes, int... cuts) {
        KeyMethod2ReadResult result = new KeyMethod2ReadResult.NeedMore();
        int at = 0;
        for (int cut : cuts) {
            result = reader.feed(bytes, at, cut - at);
            at = cut;
        }
        return reader.feed(bytes, at, bytes.length - at);
    }

    private static KeyMethod2ReadResult.Complete complete(KeyMethod2ReadResult result) {
        assertThat(result).isInstanceOf(KeyMethod2ReadResult.Complete.class);
        return (KeyMethod2ReadResult.Complete) result;
    }

    private static String malformedReason(KeyMethod2ReadResult result) {
        assertThat(result).isInstanceOf(KeyMethod2ReadResult.Malformed.class);
        return ((KeyMethod2ReadResult.Malformed) result).reason();
    }

    static void assertSameMessage(KeyMethod2Message actual, KeyMethod2Message expected) {
        assertThat(actual.sender()).isEqualTo(expected.sender());
        assertThat(actual.options()).isEqualTo(expected.options());
        assertThat(actual.username()).isEqualTo(expected.username());
        assertThat(actual.passwordBytes()).isEqualTo(expected.passwordBytes());
        assertThat(actual.peerInfo()).isEqualTo(expected.peerInfo());
        assertThat(actual.keySource().random1()).isEqualTo(expected.keySource().random1());
        assertThat(actual.keySource().random2()).isEqualTo(expected.keySource().random2());
        if (expected.sender() == Role.CLIENT) {
            assertThat(actual.keySource().preMaster()).isEqualTo(expected.keySource().preMaster());
        }
    }

    @ParameterizedTest
    @EnumSource(KeyMethod2Framing.class)
    void roundTripsClientAndServerMessages(KeyMethod2Framing framing) {
        for (KeyMethod2Message message : List.of(KeyMethod2WriterTest.sampleClient(), KeyMethod2WriterTest.sampleServer())) {
            byte[] bytes = KeyMethod2Writer.encode(message, framing);
            KeyMethod2ReadResult.Complete done = complete(KeyMethod2Reader.forMessageFrom(message.sender()).feed(bytes));
            assertSameMessage(done.message(), message);
            assertThat(done.framing()).isEqualTo(framing);
            assertThat(done.leftover()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(KeyMethod2Framing.class)
    void byteByByteFeedingSaysNeedMoreUntilTheLastByte(KeyMethod2Framing framing) {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleClient(), framing);
        KeyMethod2Reader reader = KeyMethod2Reader.forMessageFrom(Role.CLIENT);
        for (int i = 0; i < bytes.length - 1; i++) {
            assertThat(reader.feed(bytes, i, 1)).as("byte %d", i).isInstanceOf(KeyMethod2ReadResult.NeedMore.class);
        }
        assertSameMessage(complete(reader.feed(bytes, bytes.length - 1, 1)).message(), KeyMethod2WriterTest.sampleClient());
    }

    @ParameterizedTest
    @EnumSource(KeyMethod2Framing.class)
    void randomChunksWithTrailingControlMessagesLeaveTheRestAsLeftover(KeyMethod2Framing framing) {
        byte[] message = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleClient(), framing);
        byte[] tail = "PUSH_REQUEST\0".getBytes(StandardCharsets.US_ASCII);
        byte[] stream = new byte[message.length + tail.length];
        System.arraycopy(message, 0, stream, 0, message.length);
        System.arraycopy(tail, 0, stream, message.length, tail.length);
        Random random = new Random(1234);
        for (int run = 0; run < 300; run++) {
            KeyMethod2Reader reader = KeyMethod2Reader.forMessageFrom(Role.CLIENT);
            int at = 0;
            KeyMethod2ReadResult result = new KeyMethod2ReadResult.NeedMore();
            while (result instanceof KeyMethod2ReadResult.NeedMore) {
                int size = Math.min(1 + random.nextInt(40), stream.length - at);
                result = reader.feed(stream, at, size);
                at += size;
            }
            KeyMethod2ReadResult.Complete done = complete(result);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.writeBytes(done.leftover());
            rest.write(stream, at, stream.length - at);
            assertThat(rest.toByteArray()).isEqualTo(tail);
            assertSameMessage(done.message(), KeyMethod2WriterTest.sampleClient());
        }
    }

    @Test
    void awsMessageOver64KiBArrivesThroughRealTlsRecords() throws Exception {
        char[] saml = new char[100_000];
        Random random = new Random(5);
        for (int i = 0; i < saml.length; i++) {
            saml[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%"
                    .charAt(random.nextInt(63));
        }
        String password = "CRV1::instance-1/123/abc::" + new String(saml);
        KeyMethod2Message message = KeyMethod2Message.withCredentials(
                KeySource.random(Role.CLIENT, new java.security.SecureRandom()), "V4,dev-type tun", "N/A",
                password.toCharArray(), "IV_VER=2.6.12\nIV_PLAT=linux\n");
        byte[] wire = KeyMethod2Writer.encode(message, KeyMethod2Framing.AWS);
        assertThat(wire.length).isGreaterThan(64 * 1024);

        InMemoryTlsPair tls = InMemoryTlsPair.handshake(new byte[32], CipherSuite.TLS_AES_128_GCM_SHA256);
        List<byte[]> deliveries = tls.clientToServer(wire);
        assertThat(deliveries).hasSizeGreaterThan(4); // 16 KiB records

        KeyMethod2Reader reader = KeyMethod2Reader.forMessageFrom(Role.CLIENT);
        KeyMethod2ReadResult result = null;
        for (int i = 0; i < deliveries.size(); i++) {
            result = reader.feed(deliveries.get(i));
            if (i < deliveries.size() - 1) {
                assertThat(result).isInstanceOf(KeyMethod2ReadResult.NeedMore.class);
            }
        }
        KeyMethod2ReadResult.Complete done = complete(result);
        assertThat(done.framing()).isEqualTo(KeyMethod2Framing.AWS);
        assertThat(new String(done.message().password())).isEqualTo(password);
        assertThat(done.message().username()).isEqualTo("N/A");
    }

    @Test
    void emptyStringsMayBeWrittenAsOneNul() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {0, 0, 0, 0, 2});
        bytes.writeBytes(repeat(7, 64));
        bytes.writeBytes(new byte[] {0, 1, 0, /* options "" */ 0, 1, 0, /* username "" */ 0, 0, /* password */
                0, 1, 0 /* peer_info "" */});
        KeyMethod2ReadResult.Complete done =
                complete(KeyMethod2Reader.forMessageFrom(Role.SERVER).feed(bytes.toByteArray()));
        assertThat(done.message().options()).isEmpty();
        assertThat(done.message().username()).isEmpty();
        assertThat(done.message().hasPassword()).isFalse();
        assertThat(done.message().peerInfo()).isEmpty();
    }

    @Test
    void keyMethodFlagsInTheHighNibbleAreTolerated() {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleServer(), KeyMethod2Framing.STOCK);
        bytes[4] = 0x12;
        complete(KeyMethod2Reader.forMessageFrom(Role.SERVER).feed(bytes));
    }

    @Test
    void refusesOtherKeyMethods() {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleServer(), KeyMethod2Framing.STOCK);
        bytes[4] = 1;
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.SERVER).feed(bytes))).contains("key method 1");
    }

    @Test
    void refusesHeadersThatAreNeitherFraming() {
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(new byte[] {84, 0, 0, 0})))
                .contains("neither");
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(new byte[] {1, 0, 0x10, 0})))
                .contains("neither"); // 1 MiB + 1
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(new byte[] {0, 0, 0x08, 0})))
                .contains("longer than 262144"); // 512 KiB: AWS by its look, but over the limit
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(new byte[] {100, 0, 0, 0})))
                .contains("shorter"); // a client message needs 133 bytes
    }

    @Test
    void refusesAStringThatIsNotNulTerminated() {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleServer(), KeyMethod2Framing.STOCK);
        bytes[5 + 64 + 2 + 2] = 'X'; // the NUL after "V4"
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.SERVER).feed(bytes))).contains("NUL-terminated");
    }

    @Test
    void refusesANulInsideAString() {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleServer(), KeyMethod2Framing.STOCK);
        bytes[5 + 64 + 2] = 0; // the 'V' of "V4"
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.SERVER).feed(bytes))).contains("NUL byte");
    }

    @Test
    void refusesAStockMessageLongerThan2048Bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {0, 0, 0, 0, 2});
        bytes.writeBytes(repeat(7, 64));
        bytes.writeBytes(new byte[] {0x0B, (byte) 0xB8}); // options of 3000 bytes
        KeyMethod2Reader reader = KeyMethod2Reader.forMessageFrom(Role.SERVER);
        assertThat(malformedReason(reader.feed(bytes.toByteArray()))).contains("2048");

        // and when the lengths are small but the strings just keep coming
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        many.writeBytes(new byte[] {0, 0, 0, 0, 2});
        many.writeBytes(repeat(7, 64));
        for (int i = 0; i < 3; i++) {
            many.writeBytes(new byte[] {0x02, (byte) 0xBC}); // 700 bytes each
            many.writeBytes(repeat('a', 699));
            many.write(0);
        }
        many.writeBytes(new byte[] {0x02, (byte) 0xBC});
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.SERVER).feed(many.toByteArray())))
                .contains("2048");
    }

    @Test
    void refusesAwsStringsThatRunPastTheDeclaredTotal() {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleClient(), KeyMethod2Framing.AWS);
        bytes[5 + 112 + 3] = 100; // options length 100 inside a 143-byte message
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(bytes))).contains("declared total");
    }

    @Test
    void refusesAnAwsTotalThatEndsBeforeTheLastString() {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleClient(), KeyMethod2Framing.AWS);
        bytes[0] = (byte) (bytes.length - 4); // total cuts off the peer-info length field
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(bytes)))
                .contains("declared total");
    }

    @Test
    void refusesAUsernameThatIsNotUtf8() {
        byte[] bytes = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleClient(), KeyMethod2Framing.STOCK);
        bytes[5 + 112 + 7 + 2] = (byte) 0xC3; // 'u' becomes a lone UTF-8 lead byte
        assertThat(malformedReason(KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(bytes))).contains("username");
    }

    @Test
    void readingTheWrongSidesMessageFailsCleanly() {
        byte[] server = KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleServer(), KeyMethod2Framing.STOCK);
        KeyMethod2ReadResult result = KeyMethod2Reader.forMessageFrom(Role.CLIENT).feed(server);
        assertThat(result).isNotInstanceOf(KeyMethod2ReadResult.Complete.class);
    }

    @Test
    void aFinishedReaderRefusesMoreInput() {
        KeyMethod2Reader reader = KeyMethod2Reader.forMessageFrom(Role.SERVER);
        reader.feed(KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleServer(), KeyMethod2Framing.STOCK));
        assertThatThrownBy(() -> reader.feed(new byte[1])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void completeResultKeepsItsOwnCopyOfTheLeftover() {
        byte[] bytes = Arrays.copyOf(KeyMethod2Writer.encode(KeyMethod2WriterTest.sampleServer(),
                KeyMethod2Framing.STOCK), 200);
        KeyMethod2ReadResult.Complete done = complete(KeyMethod2Reader.forMessageFrom(Role.SERVER).feed(bytes));
        int leftover = done.leftover().length;
        done.leftover()[0] = 9;
        assertThat(done.leftover()).hasSize(leftover).containsOnly(0);
        assertThat(done.toString()).doesNotContain("pw");
    }
}

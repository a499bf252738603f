package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.Role;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive, in whatever chunks, the reader answers and never throws. */
class KeyMethod2ReaderPropertiesTest {

    private static KeyMethod2ReadResult feedInChunks(KeyMethod2Reader reader, byte[] bytes, List<Integer> sizes) {
        KeyMethod2ReadResult result = new KeyMethod2ReadResult.NeedMore();
        int at = 0;
        int next = 0;
        while (at < bytes.length && result instanceof KeyMethod2ReadResult.NeedMore) {
            int size = sizes.isEmpty() ? bytes.length : Math.min(sizes.get(next++ % sizes.size()), bytes.length - at);
            result = reader.feed(bytes, at, size);
            at += size;
        }
        return result;
    }

    @Property(tries = 2000)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 600) byte[] bytes, @ForAll boolean fromClient,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 64) Integer> chunkSizes) {
        KeyMethod2Reader reader = KeyMethod2Reader.forMessageFrom(fromClient ? Role.CLIENT : Role.SERVER);
        KeyMethod2ReadResult result = feedInChunks(reader, bytes, chunkSizes);
        assertThat(result).isNotNull();
    }

    @Property(tries = 2000)
    void bytesThatLookLikeAMessageNeverThrow(@ForAll("plausible") byte[] bytes, @ForAll boolean fromClient,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 64) Integer> chunkSizes) {
        KeyMethod2Reader reader = KeyMethod2Reader.forMessageFrom(fromClient ? Role.CLIENT : Role.SERVER);
        assertThat(feedInChunks(reader, bytes, chunkSizes)).isNotNull();
    }

    /** A valid header (stock zero or an AWS length) followed by noise, so parsing gets past the first step. */
    @Provide
    Arbitrary<byte[]> plausible() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<Integer> awsLength = Arbitraries.integers().between(85, 500);
        return net.jqwik.api.Combinators.combine(noise, awsLength, Arbitraries.of(true, false)).as((tail, length, aws) -> {
            byte[] bytes = new byte[5 + tail.length];
            if (aws) {
                bytes[0] = (byte) (int) length;
                bytes[1] = (byte) (length >>> 8);
            }
            bytes[4] = 2;
            System.arraycopy(tail, 0, bytes, 5, tail.length);
            return bytes;
        });
    }

    @Property(tries = 300)
    void anyMessageRoundTripsInEitherFramingAndAnyChunking(@ForAll @Size(max = 80) String options,
            @ForAll @Size(max = 40) String username, @ForAll @Size(max = 300) String password,
            @ForAll @Size(max = 80) String peerInfo, @ForAll boolean aws,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 97) Integer> chunkSizes) {
        String cleanOptions = options.replace('\0', ' ');
        String cleanUser = username.replace('\0', ' ');
        String cleanPeer = peerInfo.replace('\0', ' ');
        char[] cleanPassword = password.replace('\0', ' ').toCharArray();
        KeyMethod2Message message = KeyMethod2Message.withCredentials(
                KeySource.random(Role.CLIENT, new java.security.SecureRandom()), cleanOptions, cleanUser,
                cleanPassword, cleanPeer);
        KeyMethod2Framing framing = aws ? KeyMethod2Framing.AWS : KeyMethod2Framing.STOCK;
        if (!KeyMethod2Writer.fits(message, framing)) {
            return;
        }
        byte[] bytes = KeyMethod2Writer.encode(message, framing);
        KeyMethod2ReadResult result = feedInChunks(KeyMethod2Reader.forMessageFrom(Role.CLIENT), bytes, chunkSizes);
        assertThat(result).isInstanceOf(KeyMethod2ReadResult.Complete.class);
        KeyMethod2Message read = ((KeyMethod2ReadResult.Complete) result).message();
        // lone surrogates cannot survive UTF-8; compare with what the writer actually encoded
        assertThat(read.options()).isEqualTo(new String(cleanOptions.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read.passwordBytes()).isEqualTo(message.passwordBytes());
        assertThat(((KeyMethod2ReadResult.Complete) result).framing()).isEqualTo(framing);
    }
}

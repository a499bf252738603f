package dev.corridor.protocol.keys;

import dev.corridor.protocol.Role;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Reassembles one key-method-2 message from TLS plaintext that may arrive in any number of chunks
 * (an AWS-framed message with a SAML password spans many TLS records), detecting the framing from
 * the first four bytes (protocol.md §4.1, §7.4).
 *
 * <pre>
 *            feed(chunk)
 *   HEADER ─────────────> first 4 bytes known?
 *     │  00 00 00 00 ──────────> STOCK: parse field by field as bytes arrive; give up past 2048 bytes
 *     │  LE value in [85, 1 MiB] > AWS: collect exactly that many bytes (at most 256 KiB), then parse
 *     │  anything else ─────────> Malformed
 *     v
 *   Complete(message, framing, leftover) | Malformed(reason)      (terminal: the reader is done)
 * </pre>
 *
 * Each string must be empty (length 0, or length 1 holding just NUL) or end in its NUL with no NUL
 * inside; options, username and peer-info must be UTF-8. Bytes inside an AWS total that follow
 * peer_info are skipped, as 2.x ignores whatever follows peer_info. The reader never throws on bad
 * input. Its internal buffer (which held the password) is zeroed when it finishes. Feeding a
 * finished reader is a programming error and throws {@link IllegalStateException}. One reader per
 * key state, used from the session thread only (not thread-safe).
 */
public final class KeyMethod2Reader {
    private static final KeyMethod2ReadResult NEED_MORE = new KeyMethod2ReadResult.NeedMore();

    private final Role sender;
    private byte[] buffer = new byte[256];
    private int buffered;
    private KeyMethod2Framing framing; // null until the first 4 bytes are in
    private int limit; // bytes to collect at most: the AWS total, or the stock maximum
    private boolean finished;

    private KeyMethod2Reader(Role sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /**
     * A reader for the message {@code sender} writes: a server reads {@code forMessageFrom(CLIENT)}
     * (with pre_master), a client reads {@code forMessageFrom(SERVER)}.
     */
    public static KeyMethod2Reader forMessageFrom(Role sender) {
        return new KeyMethod2Reader(sender);
    }

    /** Feeds a whole chunk. */
    public KeyMethod2ReadResult feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /** Feeds {@code length} bytes of {@code chunk} from {@code offset}. */
    public KeyMethod2ReadResult feed(byte[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        if (finished) {
            throw new IllegalStateException("this reader has already finished");
        }
        int position = offset;
        int end = offset + length;
        if (framing == null) {
            int take = Math.min(4 - buffered, end - position);
            append(chunk, position, take);
            position += take;
            if (buffered < 4) {
                return NEED_MORE;
            }
            KeyMethod2ReadResult refused = detectFraming();
            if (refused != null) {
                return finish(refused);
            }
        }
        int take = Math.min(limit - buffered, end - position);
        append(chunk, position, take);
        position += take;

        if (framing == KeyMethod2Framing.AWS && buffered < limit) {
            return NEED_MORE;
        }
        Step step = new Parse(buffer, buffered, limit, framing, sender).run();
        if (step instanceof Step.Short) {
            if (framing == KeyMethod2Framing.AWS) {
                return finish(new KeyMethod2ReadResult.Malformed("strings run past the declared total length"));
            }
            if (buffered >= limit) {
                return finish(new KeyMethod2ReadResult.Malformed(
                        "stock key-method-2 message longer than " + limit + " bytes"));
            }
            return NEED_MORE;
        }
        if (step instanceof Step.Bad bad) {
            return finish(new KeyMethod2ReadResult.Malformed(bad.reason()));
        }
        Step.Done done = (Step.Done) step;
        int consumed = framing == KeyMethod2Framing.AWS ? limit : done.consumed();
        byte[] leftover = new byte[(buffered - consumed) + (end - position)];
        System.arraycopy(buffer, consumed, leftover, 0, buffered - consumed);
        System.arraycopy(chunk, position, leftover, buffered - consumed, end - position);
        return finish(new KeyMethod2ReadResult.Complete(done.message(), framing, leftover));
    }

    private KeyMethod2ReadResult detectFraming() {
        long header = (buffer[0] & 0xFFL) | (buffer[1] & 0xFFL) << 8 | (buffer[2] & 0xFFL) << 16
                | (buffer[3] & 0xFFL) << 24;
        if (header == 0) {
            framing = KeyMethod2Framing.STOCK;
            limit = KeyMethod2Framing.STOCK.maxMessageBytes();
            return null;
        }
        if (header < KeyMethod2Framing.AWS_DETECT_MIN || header > KeyMethod2Framing.AWS_DETECT_MAX) {
            return new KeyMethod2ReadResult.Malformed("first four bytes are neither zero nor an AWS length");
        }
        if (header > KeyMethod2Framing.AWS.maxMessageBytes()) {
            return new KeyMethod2ReadResult.Malformed("AWS key-method-2 message of " + header
                    + " bytes is longer than " + KeyMethod2Framing.AWS.maxMessageBytes());
        }
        int minimum = KeyMethod2Writer.HEADER_BYTES + sourceLength(sender) + 4 * 4;
        if (header < minimum) {
            return new KeyMethod2ReadResult.Malformed("AWS total length " + header + " is shorter than the "
                    + minimum + " bytes a " + sender.name().toLowerCase(Locale.ROOT) + " message needs");
        }
        framing = KeyMethod2Framing.AWS;
        limit = (int) header;
        return null;
    }

    private void append(byte[] chunk, int offset, int count) {
        if (count <= 0) {
            return;
        }
        if (buffered + count > buffer.length) {
            int capacity = Math.max(buffer.length * 2, buffered + count);
            byte[] bigger = Arrays.copyOf(buffer, capacity);
            Arrays.fill(buffer, (byte) 0);
            buffer = bigger;
        }
        System.arraycopy(chunk, offset, buffer, buffered, count);
        buffered += count;
    }

    private KeyMethod2ReadResult finish(KeyMethod2ReadResult result) {
        finished = true;
        Arrays.fill(buffer, (byte) 0);
        buffer = new byte[0];
        buffered = 0;
        return result;
    }

    private static int sourceLength(Role sender) {
        return (sender == Role.CLIENT ? KeySource.PRE_MASTER_BYTES : 0) + 2 * KeySource.RANDOM_BYTES;
    }

    /** The outcome of one parse attempt over the bytes collected so far. */
    private sealed interface Step {
        /** The bytes ran out before the message ended. */
        record Short() implements Step {}

        /** The bytes cannot be a key-method-2 message. */
        record Bad(String reason) implements Step {}

        /** A whole message, {@code consumed} bytes long. */
        record Done(KeyMethod2Message message, int consumed) implements Step {}
    }

    /** One attempt to parse the bytes collected so far, field by field. */
    private static final class Parse {
        private static final Step SHORT = new Step.Short();
        private static final String[] FIELD_NAMES = {"options", "username", "password", "peer_info"};

        private final byte[] bytes;
        private final int available;
        private final int limit;
        private final KeyMethod2Framing framing;
        private final Role sender;
        private int at = 4;

        Parse(byte[] bytes, int available, int limit, KeyMethod2Framing framing, Role sender) {
            this.bytes = bytes;
            this.available = available;
            this.limit = limit;
            this.framing = framing;
            this.sender = sender;
        }

        Step run() {
            if (available < at + 1) {
                return SHORT;
            }
            int method = bytes[at++] & 0xFF;
            if ((method & 0x0F) != KeyMethod2Writer.KEY_METHOD_2) {
                return new Step.Bad("key method " + (method & 0x0F) + " is not 2");
            }
            int sourceBytes = sourceLength(sender);
            if (available < at + sourceBytes) {
                return SHORT;
            }
            int sourceAt = at;
            at += sourceBytes;
            byte[][] strings = new byte[4][];
            for (int i = 0; i < 4; i++) {
                Object field = readString(FIELD_NAMES[i]);
                if (field instanceof Step step) {
                    wipeAll(strings);
                    return step;
                }
                strings[i] = (byte[]) field;
            }
            String options = utf8(strings[0]);
            String username = utf8(strings[1]);
            String peerInfo = utf8(strings[3]);
            if (options == null || username == null || peerInfo == null) {
                wipeAll(strings);
                String which = options == null ? "options" : username == null ? "username" : "peer_info";
                return new Step.Bad(which + " string is not UTF-8");
            }
            KeySource source = keySource(sourceAt);
            return new Step.Done(KeyMethod2Message.fromWire(source, options, username, strings[2], peerInfo), at);
        }

        /** The string's bytes without the NUL, or a {@link Step} when short or bad. */
        private Object readString(String name) {
            int width = framing.lengthFieldBytes();
            if (available < at + width) {
                return SHORT;
            }
            long length = 0;
            for (int i = 0; i < width; i++) {
                length = length << 8 | (bytes[at + i] & 0xFF);
            }
            if (at + width + length > limit) {
                return new Step.Bad(name + " string of " + length + " bytes runs past "
                        + (framing == KeyMethod2Framing.AWS ? "the declared total length"
                                : "the " + limit + "-byte limit"));
            }
            if (available < at + width + length) {
                return SHORT;
            }
            at += width;
            int start = at;
            int count = (int) length;
            at += count;
            if (count == 0) {
                return new byte[0];
            }
            if (bytes[start + count - 1] != 0) {
                return new Step.Bad(name + " string is not NUL-terminated");
            }
            for (int i = start; i < start + count - 1; i++) {
                if (bytes[i] == 0) {
                    return new Step.Bad(name + " string contains a NUL byte");
                }
            }
            return Arrays.copyOfRange(bytes, start, start + count - 1);
        }

        private KeySource keySource(int from) {
            int randomsAt = from + (sender == Role.CLIENT ? KeySource.PRE_MASTER_BYTES : 0);
            byte[] preMaster = Arrays.copyOfRange(bytes, from, randomsAt);
            byte[] random1 = Arrays.copyOfRange(bytes, randomsAt, randomsAt + KeySource.RANDOM_BYTES);
            byte[] random2 = Arrays.copyOfRange(bytes, randomsAt + KeySource.RANDOM_BYTES,
                    randomsAt + 2 * KeySource.RANDOM_BYTES);
            try {
                return sender == Role.CLIENT ? KeySource.client(preMaster, random1, random2)
                        : KeySource.server(random1, random2);
            } finally {
                Arrays.fill(preMaster, (byte) 0);
                Arrays.fill(random1, (byte) 0);
                Arrays.fill(random2, (byte) 0);
            }
        }

        private static void wipeAll(byte[][] strings) {
            for (byte[] s : strings) {
                if (s != null) {
                    Arrays.fill(s, (byte) 0);
                }
            }
        }

        private static String utf8(byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}

package dev.corridor.protocol.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Cuts decrypted control-channel plaintext into messages: each is text ended by a NUL byte, and a
 * message may be split across TLS records or share one with others (protocol.md §3; 2.x
 * {@code extract_command_buffer}, ovpn3 {@code read_control_string}).
 *
 * <pre>
 *   bytes ──> collect until 00 ──> strip trailing CR / LF ──> empty? skip
 *                 │                        ──> C0 control or DEL inside? Dropped
 *                 │                        ──> not UTF-8?                Dropped
 *                 │                        ──> Text
 *                 └─ longer than the limit before its 00: Dropped once, then skip to the next 00
 * </pre>
 *
 * 2.x accepts printable ASCII only; this reader also accepts UTF-8 text (login banners), still
 * refusing every control character. Never throws on input. One reader per key state, used from the
 * session thread only (not thread-safe).
 */
public final class ControlTextReader {
    /** Default longest message: AWS's enlarged control buffer (TLS_CHANNEL_BUF_SIZE, 256 KiB). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

    private final int maxMessageBytes;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private boolean skippingOverlong;

    /** A reader with the default limit. */
    public ControlTextReader() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A reader that drops messages longer than {@code maxMessageBytes} (NUL not counted). */
    public ControlTextReader(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Feeds a whole chunk. */
    public List<ControlText> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /** Feeds {@code length} bytes from {@code offset}; returns the messages completed by them, in order. */
    public List<ControlText> feed(byte[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        List<ControlText> out = new ArrayList<>();
        int end = offset + length;
        int at = offset;
        while (at < end) {
            int nul = indexOfNul(chunk, at, end);
            int stop = nul < 0 ? end : nul;
            if (!skippingOverlong) {
                int count = stop - at;
                if (pendingLength + count > maxMessageBytes) {
                    out.add(new ControlText.Dropped("message longer than " + maxMessageBytes + " bytes"));
                    clearPending();
                    skippingOverlong = true;
                } else {
                    append(chunk, at, count);
                }
            }
            if (nul < 0) {
                break;
            }
            if (skippingOverlong) {
                skippingOverlong = false;
            } else {
                ControlText text = finishMessage();
                if (text != null) {
                    out.add(text);
                }
            }
            at = nul + 1;
        }
        return out;
    }

    /** Bytes of an unfinished message held so far. */
    public int pendingBytes() {
        return pendingLength;
    }

    private ControlText finishMessage() {
        int length = pendingLength;
        while (length > 0 && (pending[length - 1] == '\r' || pending[length - 1] == '\n')) {
            length--;
        }
        try {
            if (length == 0) {
                return null;
            }
            for (int i = 0; i < length; i++) {
                int b = pending[i] & 0xFF;
                if (b < 0x20 || b == 0x7F) {
                    return new ControlText.Dropped(String.format(Locale.ROOT, "control character 0x%02x in message", b));
                }
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(pending, 0, length)).toString();
                return new ControlText.Text(text);
            } catch (CharacterCodingException e) {
                return new ControlText.Dropped("message is not UTF-8");
            }
        } finally {
            clearPending();
        }
    }

    private void append(byte[] chunk, int offset, int count) {
        if (pendingLength + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + count));
        }
        System.arraycopy(chunk, offset, pending, pendingLength, count);
        pendingLength += count;
    }

    private void clearPending() {
        Arrays.fill(pending, 0, pendingLength, (byte) 0); // messages may carry tokens or challenge answers
        pendingLength = 0;
        if (pending.length > 4096) {
            pending = new byte[256];
        }
    }

    private static int indexOfNul(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}

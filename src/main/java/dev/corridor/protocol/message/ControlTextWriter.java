package dev.corridor.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a control message's text into the bytes written into TLS: UTF-8 and one NUL
 * (2.x {@code send_control_channel_string} writes strlen+1 bytes as one TLS record).
 */
final class ControlTextWriter {
    private ControlTextWriter() {}

    /** The text's UTF-8 bytes followed by 0x00; text with control characters is a programming error. */
    static byte[] encode(String text) {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("control message text must not contain control characters");
            }
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(utf8, utf8.length + 1);
        Arrays.fill(utf8, (byte) 0);
        return out;
    }
}

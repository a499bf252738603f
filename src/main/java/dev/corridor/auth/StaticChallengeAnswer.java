package dev.corridor.auth;

import dev.corridor.profile.StaticChallenge;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Joins a password and a static-challenge answer into what the server expects in the password
 * field (OpenVPN management-notes, "static challenge"):
 *
 * <pre>
 *   SCRV1 (default):  SCRV1:&lt;base64(password)&gt;:&lt;base64(answer)&gt;
 *   concat:           &lt;password&gt;&lt;answer&gt;
 * </pre>
 */
public final class StaticChallengeAnswer {
    private StaticChallengeAnswer() {}

    /** The combined password; the caller wipes the returned array after use. */
    public static char[] combine(char[] password, char[] answer, StaticChallenge.Format format) {
        if (format == StaticChallenge.Format.CONCAT) {
            char[] joined = Arrays.copyOf(password, password.length + answer.length);
            System.arraycopy(answer, 0, joined, password.length, answer.length);
            return joined;
        }
        char[] encodedPassword = base64(password);
        char[] encodedAnswer = base64(answer);
        char[] prefix = "SCRV1:".toCharArray();
        char[] out = new char[prefix.length + encodedPassword.length + 1 + encodedAnswer.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(encodedPassword, 0, out, prefix.length, encodedPassword.length);
        out[prefix.length + encodedPassword.length] = ':';
        System.arraycopy(encodedAnswer, 0, out, prefix.length + encodedPassword.length + 1, encodedAnswer.length);
        Arrays.fill(encodedPassword, '\0');
        Arrays.fill(encodedAnswer, '\0');
        return out;
    }

    private static char[] base64(char[] text) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        byte[] encoded = Base64.getEncoder().encode(bytes);
        char[] out = new char[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            out[i] = (char) encoded[i];
        }
        Arrays.fill(bytes, (byte) 0);
        Arrays.fill(encoded, (byte) 0);
        if (utf8.hasArray()) {
            Arrays.fill(utf8.array(), (byte) 0);
        }
        return out;
    }
}

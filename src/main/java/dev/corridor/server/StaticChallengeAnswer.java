package dev.corridor.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A password field split into password and static-challenge answer.
 *
 * <pre>
 *   SCRV1:&lt;base64 password&gt;:&lt;base64 answer&gt;   ─► password, Optional(answer)
 *   anything else                           ─► the whole field is the password, no answer
 *   SCRV1 with bad base64 / not UTF-8        ─► Optional.empty() from {@link #parse} (refuse)
 * </pre>
 *
 * @param password the password characters; the owner wipes them with {@link #wipe()}
 * @param answer   the challenge answer (the MFA code), if the client sent one
 */
public record StaticChallengeAnswer(char[] password, Optional<String> answer) {
    private static final String PREFIX = "SCRV1:";

    /** Splits {@code field}; empty when it claims to be SCRV1 but is malformed. */
    public static Optional<StaticChallengeAnswer> parse(char[] field) {
        if (!startsWith(field, PREFIX)) {
            return Optional.of(new StaticChallengeAnswer(field.clone(), Optional.empty()));
        }
        int start = PREFIX.length();
        int colon = -1;
        for (int i = start; i < field.length; i++) {
            if (field[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return Optional.empty();
        }
        byte[] passwordBytes = null;
        try {
            passwordBytes = Base64.getDecoder().decode(new String(field, start, colon - start));
            byte[] answerBytes = Base64.getDecoder().decode(new String(field, colon + 1, field.length - colon - 1));
            char[] password = utf8(passwordBytes);
            String answer = new String(utf8(answerBytes));
            return Optional.of(new StaticChallengeAnswer(password, Optional.of(answer)));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        } finally {
            if (passwordBytes != null) {
                Arrays.fill(passwordBytes, (byte) 0);
            }
        }
    }

    /** Zeroes the password. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    /** Never the password or the answer. */
    @Override
    public String toString() {
        return "StaticChallengeAnswer[password=[redacted], answer=" + (answer.isPresent() ? "[redacted]" : "<none>")
                + "]";
    }

    private static boolean startsWith(char[] field, String prefix) {
        if (field.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (field[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static char[] utf8(byte[] bytes) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        char[] out = new char[chars.remaining()];
        chars.get(out);
        Arrays.fill(chars.array(), '\0');
        return out;
    }
}

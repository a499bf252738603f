package dev.corridor.profile;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads an OpenVPN static key file (used by tls-auth and tls-crypt): 256 bytes written as hex
 * between the V1 markers. Text outside the markers is ignored, as OpenVPN does.
 *
 * <pre>
 *   -----BEGIN OpenVPN Static key V1-----
 *   512 hex digits, any line layout
 *   -----END OpenVPN Static key V1-----
 *   bytes   0..63  key[0].cipher   64..127 key[0].hmac
 *         128..191 key[1].cipher  192..255 key[1].hmac
 * </pre>
 */
public final class StaticKeyFile {
    public static final int KEY_BYTES = 256;
    private static final String BEGIN = "-----BEGIN OpenVPN Static key V1-----";
    private static final String END = "-----END OpenVPN Static key V1-----";

    private StaticKeyFile() {}

    /** The 256 key bytes, or why the text is not a static key (the message never quotes the key). */
    public static Result parse(String text) {
        int begin = text.indexOf(BEGIN);
        if (begin < 0) {
            return Result.failure("it has no \"" + BEGIN + "\" line; generate one with openvpn --genkey secret");
        }
        int end = text.indexOf(END, begin);
        if (end < 0) {
            return Result.failure("it has no \"" + END + "\" line");
        }
        StringBuilder hex = new StringBuilder(KEY_BYTES * 2);
        for (char c : text.substring(begin + BEGIN.length(), end).toCharArray()) {
            if (Character.digit(c, 16) >= 0) {
                hex.append(c);
            } else if (!Character.isWhitespace(c)) {
                return Result.failure("it contains characters that are not hex digits");
            }
        }
        if (hex.length() != KEY_BYTES * 2) {
            return Result.failure("it holds " + hex.length() / 2 + " bytes; a static key has " + KEY_BYTES);
        }
        return new Result(Optional.of(HexFormat.of().parseHex(hex)), null);
    }

    /** Either the key bytes or an error message. */
    public record Result(Optional<byte[]> key, String error) {
        static Result failure(String error) {
            return new Result(Optional.empty(), error);
        }

        public boolean ok() {
            return key.isPresent();
        }
    }
}

package dev.corridor.auth.saml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body into its fields, percent-decoding each
 * name and value but leaving {@code +} as {@code +}: a SAMLResponse is base64, and a decoder that
 * turns {@code +} into a space corrupts it (protocol.md §7.2 step 5).
 *
 * <pre>
 *   body   = field *( "&amp;" field )
 *   field  = name [ "=" value ]        first occurrence of a name wins
 *   %XX    -> the byte XX; bytes are read as UTF-8;  "+" stays "+";  a bad %-escape is an error
 * </pre>
 */
public final class FormBody {
    private FormBody() {}

    /** The fields of {@code body}; throws IllegalArgumentException for a malformed %-escape. */
    public static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /**
     * Percent-decodes {@code text} as UTF-8 (RFC 3986); {@code +} is kept, so raw base64 passes
     * through unchanged. Also what the test server uses on the SAMLResponse in a CRV1 answer.
     *
     * @throws IllegalArgumentException for a truncated or malformed escape
     */
    public static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated %-escape at offset " + i);
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad %-escape at offset " + i);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

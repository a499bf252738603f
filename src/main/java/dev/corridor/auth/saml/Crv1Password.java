package dev.corridor.auth.saml;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds the password of the second connection of the SAML flow, {@code CRV1::<state>::<response>}
 * (protocol.md §7.2 step 6). The response is percent-encoded per RFC 3986 by default (every byte
 * outside {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}, so {@code +}→{@code %2B},
 * {@code /}→{@code %2F}, {@code =}→{@code %3D}); {@link Encoding#RAW} sends the base64 as it came.
 */
public final class Crv1Password {
    /** How the SAMLResponse is written into the password. */
    public enum Encoding { PERCENT, RAW }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Crv1Password() {}

    /** {@code CRV1::<stateId>::<response, encoded>}; the caller treats the result as a secret. */
    public static String of(String stateId, SamlResponse response, Encoding encoding) {
        Objects.requireNonNull(stateId, "stateId");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(encoding, "encoding");
        return "CRV1::" + stateId + "::" + encodeResponse(response, encoding);
    }

    /** The {@code <response>} part alone: the base64 percent-encoded, or as it came for RAW. */
    public static String encodeResponse(SamlResponse response, Encoding encoding) {
        return encoding == Encoding.RAW ? response.base64() : percentEncode(response.base64());
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes of {@code text}, unreserved characters kept. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}

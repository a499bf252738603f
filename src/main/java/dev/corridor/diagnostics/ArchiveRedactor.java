package dev.corridor.diagnostics;

import dev.corridor.logging.SecretRedactor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks every secret in the text of a diagnostics archive entry: the log redactor's rules for all
 * text, and for profiles first the bodies of every secret inline block ({@code <key>},
 * {@code <tls-crypt>}, {@code <tls-auth>}, {@code <secret>}, ...), whether the tags stand on
 * lines of their own or share a line with their content.
 */
final class ArchiveRedactor {
    /** What replaces a secret. */
    static final String MASK = SecretRedactor.MASK;

    /*
     * <key>...</key>  <tls-crypt>...</tls-crypt>  <tls-crypt-v2>  <tls-auth>  <secret>  <pkcs12>
     * <auth-user-pass>  <http-proxy-user-pass>, on any lines; a block without its closing tag is
     * masked to the end of the text.
     */
    private static final Pattern SECRET_BLOCK = Pattern.compile(
            "<(key|tls-crypt-v2|tls-crypt|tls-auth|secret|pkcs12|auth-user-pass|http-proxy-user-pass)>"
                    + "(?s:.*?)(?:</\\1>|\\z)", Pattern.CASE_INSENSITIVE);

    /*
     * auth-token SESS...   (a directive, not a log line)  and  static-challenge kept as it is
     * A profile should never hold a token, but a hand-edited one might.
     */
    private static final Pattern TOKEN_DIRECTIVE = Pattern.compile(
            "(?im)^([ \\t]*auth-token(?:-user)?[ \\t]+)\\S.*$");

    /*
     * ...base64 lines...\n-----END PRIVATE KEY-----   (no BEGIN before it)
     * The tail of a key block whose start was cut off, as when only the end of a large log is
     * archived: everything before such an END line is masked.
     */
    private static final Pattern KEY_BLOCK_END = Pattern.compile(
            "-----END (?:(?:[A-Z0-9]+ )*PRIVATE KEY|OpenVPN [^\\r\\n]*?)-----");

    private final SecretRedactor redactor = new SecretRedactor();

    /** {@code text} with every secret masked, as {@code redaction} asks. */
    String redact(String text, ArchiveEntry.Redaction redaction) {
        String result = maskOrphanKeyTail(text);
        if (redaction == ArchiveEntry.Redaction.PROFILE) {
            result = SECRET_BLOCK.matcher(result).replaceAll(m -> Matcher.quoteReplacement(
                    "<" + m.group(1).toLowerCase(Locale.ROOT) + ">\n" + MASK + "\n</"
                            + m.group(1).toLowerCase(Locale.ROOT) + ">"));
            result = TOKEN_DIRECTIVE.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        return redactor.redact(result);
    }

    /** {@code text} with everything before an END armor line that has no BEGIN before it masked. */
    static String maskOrphanKeyTail(String text) {
        Matcher end = KEY_BLOCK_END.matcher(text);
        if (!end.find()) {
            return text;
        }
        int begin = text.indexOf("-----BEGIN ");
        if (begin >= 0 && begin < end.start()) {
            return text;
        }
        return MASK + "\n" + text.substring(end.start());
    }
}

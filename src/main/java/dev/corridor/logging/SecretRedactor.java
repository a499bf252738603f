package dev.corridor.logging;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords, private keys, SAML responses, auth tokens and CRV1 state in text bound for a
 * log line, keeping the surrounding words (and key names) so the line stays useful.
 *
 * <p>Each rule is a precompiled pattern guarded by a cheap trigger: the text is lower-cased once
 * and a rule's regular expression only runs when its trigger word occurs. A line with no trigger
 * at all (the common case) is returned as the very same instance. Rules run in the order of
 * {@code RULES}; block rules come first so that later rules never see half a key. Redacting a
 * redacted line again changes nothing (for text whose words are separated by spaces, as log
 * lines are; a property test checks it).
 *
 * <p>To add a pattern: write it as a {@code Rule} constant with a comment showing the input it
 * targets, add it to {@link #RULES}, and add a case to {@code SecretRedactorTest}.
 */
public final class SecretRedactor {
    /** What a secret is replaced with. */
    public static final String MASK = "[redacted]";

    /** A value that a previous pass has already masked; matched first so masking is idempotent. */
    private static final String ALREADY_MASKED = "\\[redacted\\]";
    /** A double-quoted string with backslash escapes, on one line; a missing closing quote is tolerated. */
    private static final String DOUBLE_QUOTED = "\"(?:[^\"\\\\\\r\\n]|\\\\.)*+\"?";
    /** A single-quoted string with backslash escapes, on one line; a missing closing quote is tolerated. */
    private static final String SINGLE_QUOTED = "'(?:[^'\\\\\\r\\n]|\\\\.)*+'?";
    /** A string quoted with escaped quotes, {@code \"...\"}, as in JSON embedded in a JSON string. */
    private static final String ESCAPED_QUOTED = "\\\\\"(?:[^\"\\\\\\r\\n]|\\\\[^\"\\r\\n])*+(?:\\\\\"|(?=[\\r\\n])|\\z)";
    /** A character of a CRV1 state id or SCRV1 part: anything but separators, quotes and brackets. */
    private static final String STATE = "[^:\\s\"',<>\\[\\]();&]";
    /** Characters that can continue a base64 (or URL-safe base64) run; {@code %XX} also counts. */
    private static final String BASE64_CHAR = "[A-Za-z0-9+/=_-]";
    /** Characters at the end of an unquoted value that are taken as the text around it. */
    private static final String TRAILING_PUNCTUATION = ")]}>,;\"'";
    /** {@code ACS::35001}: not a secret, so a password field holding it is left readable. */
    private static final Pattern SAML_LISTENER_PORT = Pattern.compile("ACS::\\d{1,5}");
    /** A run of base64 longer than this is masked whatever it encodes. */
    static final int LONG_BASE64_RUN = 200;

    /*
     * -----BEGIN RSA PRIVATE KEY----- ... -----END RSA PRIVATE KEY-----
     * Any PEM private key (PKCS#1 RSA/EC/DSA, PKCS#8 "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
     * "OPENSSH PRIVATE KEY"), header lines included. The BEGIN/END lines are kept; a block whose
     * END is missing (a truncated message) is masked to the end of the text.
     */
    private static final Rule PRIVATE_KEY_BLOCK = armoredBlock("private key",
            "(?:[A-Z0-9]+ )*PRIVATE KEY");

    /*
     * -----BEGIN OpenVPN Static key V1----- ... -----END OpenVPN Static key V1-----
     * OpenVPN static keys (secret, tls-auth, tls-crypt) and tls-crypt-v2 client/server keys: every
     * "OpenVPN ..." armored block is key material.
     */
    private static final Rule OPENVPN_KEY_BLOCK = armoredBlock("-----begin openvpn",
            "OpenVPN [^\\r\\n]*?");

    /*
     * <auth-user-pass>bob\nhunter2</auth-user-pass>   <pkcs12>MIIK...</pkcs12>
     * Inline blocks of an .ovpn profile that hold a password or a key without armor lines (the
     * armored ones, <key>, <secret>, <tls-crypt>..., are covered by the rules above). The tags are
     * kept, the content masked, to the end of the text when the closing tag is missing.
     */
    private static final Rule INLINE_PROFILE_SECRET = new Rule(
            lower -> lower.contains("<auth-user-pass") || lower.contains("<http-proxy-user-pass")
                    || lower.contains("<pkcs12"),
            Pattern.compile("<(auth-user-pass|http-proxy-user-pass|pkcs12)>(?s:.*?)(?:</\\1>|\\z)",
                    Pattern.CASE_INSENSITIVE),
            m -> "<" + m.group(1) + ">" + MASK + "</" + m.group(1) + ">");

    /*
     * <samlp:Response ...> ... </samlp:Response>, <saml2:Assertion>, <saml:EncryptedAssertion>
     * A decoded SAML response or assertion: any namespace prefix containing "saml", or no prefix
     * when the start tag declares urn:oasis:names:tc:SAML (looked for within the tag, in its first 2000
     * characters, which keeps the cost linear on hostile input). The element is replaced as a whole
     * (masked to the end of the text when the closing tag is missing).
     */
    private static final Rule SAML_XML = new Rule(
            lower -> lower.contains("saml"),
            Pattern.compile("<((?:[\\w.-]*saml[\\w.-]*:)(?:Response|Assertion|EncryptedAssertion)\\b"
                    + "|(?:[\\w.-]+:)?(?:Response|Assertion|EncryptedAssertion)\\b"
                    + "(?=[^<>]{0,2000}urn:oasis:names:tc:SAML))"
                    + "(?s:.*?)(?:</\\1\\s*>|\\z)", Pattern.CASE_INSENSITIVE),
            m -> "<" + m.group(1) + ">" + MASK + "</" + m.group(1) + ">");

    /*
     * CRV1::<state_id>::<response>
     * The answer to an OpenVPN dynamic challenge, sent as the password. For SAML sign-in the
     * response is the whole SAML response, so both the state and the response are masked. The
     * response ends at whitespace or a quote.
     */
    private static final Rule CRV1_RESPONSE = new Rule(
            lower -> lower.contains("crv1"),
            Pattern.compile("\\b(CRV1)::" + STATE + "*::[^\\s\"']*", Pattern.CASE_INSENSITIVE),
            m -> m.group(1) + "::" + MASK + "::" + MASK);

    /*
     * CRV1:<flags>:<state_id>:<username_base64>:<challenge_text>
     * A dynamic challenge from the server (e.g. "AUTH_FAILED,CRV1:R,E:<state>:dXNlcg==:Enter PIN").
     * The state id lets anyone who holds it answer the challenge, so it is masked; the flags, the
     * user name and the challenge text (or SAML sign-in URL) are kept.
     */
    private static final Rule CRV1_CHALLENGE = new Rule(
            lower -> lower.contains("crv1"),
            Pattern.compile("\\b(CRV1):([A-Za-z,]*):" + STATE + "+", Pattern.CASE_INSENSITIVE),
            m -> m.group(1) + ":" + m.group(2) + ":" + MASK);

    /*
     * SCRV1:<base64 password>:<base64 response>
     * The answer to an OpenVPN static challenge, sent as the password: both parts are masked.
     */
    private static final Rule SCRV1_RESPONSE = new Rule(
            lower -> lower.contains("scrv1"),
            Pattern.compile("\\b(SCRV1):" + STATE + "*:[^\\s\"']*", Pattern.CASE_INSENSITIVE),
            m -> m.group(1) + ":" + MASK + ":" + MASK);

    /*
     * Authorization: Bearer eyJ...      Proxy-Authorization: Basic dXNlcjpwYXNz
     * Cookie: SESSION=abc; other=def    Set-Cookie: SESSION=abc; HttpOnly
     * HTTP credential headers. A header-style value runs to the end of the line (the scheme word
     * such as "Bearer" is kept); a quoted value, as in JSON, is masked inside its quotes.
     */
    private static final Rule CREDENTIAL_HEADER = new Rule(
            lower -> lower.contains("authorization") || lower.contains("cookie"),
            Pattern.compile("(?<![\\w-])((?:proxy-)?authorization|(?:set-)?cookies?)"
                    + "([\"']?[ \\t]*[:=][ \\t]*)"
                    + "(?:(" + DOUBLE_QUOTED + ")"
                    + "|((?:(?:Basic|Bearer|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256)[ \\t]+)?)([^\\r\\n]+))",
                    Pattern.CASE_INSENSITIVE),
            m -> m.group(1) + m.group(2) + (m.group(3) != null ? "\"" + MASK + "\"" : m.group(4) + MASK));

    /*
     * password "Auth" hunter2      password "Private Key" "pass phrase"
     * The OpenVPN management-interface command that supplies a password (or a CRV1/SCRV1 answer).
     * The quoted credential type is kept, the value masked.
     */
    private static final Rule MANAGEMENT_PASSWORD = new Rule(
            lower -> lower.contains("password"),
            Pattern.compile("(?<![\\w-])(password[ \\t]+(?:\"[^\"\\r\\n]*\"|(?-i:Auth))[ \\t]+)"
                    + "(?:(" + DOUBLE_QUOTED + ")|[^\\s\"]+)", Pattern.CASE_INSENSITIVE),
            m -> m.group(1) + (m.group(2) != null ? "\"" + MASK + "\"" : MASK));

    /*
     * PUSH_REPLY,...,auth-token SESS_ID_AT_abc,auth-token-user dXNlcg==,...
     * The session token (and its user) that an OpenVPN server pushes; with a space, as in a push
     * reply, or with ':' or '=' (">PASSWORD:Auth-Token:<token>" from the management interface).
     * The value ends at whitespace, a comma or a quote.
     */
    private static final Rule PUSHED_AUTH_TOKEN = new Rule(
            lower -> lower.contains("auth-token"),
            Pattern.compile("(?<![\\w-])(auth-token(?:-user)?)([ \\t]+|[ \\t]*[:=][ \\t]*)[^\\s,\"']+",
                    Pattern.CASE_INSENSITIVE),
            m -> m.group(1) + m.group(2) + MASK);

    /*
     * password=hunter2   "password":"hunter2"   passwd: x   client_secret='x'   X-Auth-Token: x
     * SAMLResponse=PHNh...&RelayState=...   otp=123456   totp: 123456   pin=1234
     * Key/value pairs whose key names a credential. Keys containing password, passwd, passphrase,
     * passcode, secret, token, credential, samlresponse, relaystate, api-key or private-key match
     * anywhere in the key (access_token, clientSecret, auth-token-user); the short words pass,
     * pwd, pin, otp, totp and hotp only as the whole key or after '_'/'-' (user_pass, mfa-otp), so
     * "bypass" or "ping" do not match. Separators: '=' or ':' with optional quotes and spaces.
     * Values: a double- or single-quoted string (masked inside the quotes; escaped quotes as in
     * {\"password\":\"x\"} too), or else everything up to the next whitespace, so that a
     * password holding '&' or ',' is masked whole; in a query string the rest of the query goes
     * with it. Closing brackets, commas, semicolons and quotes at the very end are kept as the
     * text around the pair ("{user=bob, password=x}" keeps its "}").
     * Not matched: keys right after '>' (">PASSWORD:Need 'Auth'" is an OpenVPN prompt, not a
     * secret) and keys ending in Exception/Error ("InvalidTokenException: ..." is a class name).
     * Kept: the value ACS::<port>, the fixed first "password" of a SAML sign-in, which only names
     * the local port where the browser will post the SAML response.
     */
    private static final Rule KEY_VALUE = new Rule(
            lower -> (lower.indexOf('=') >= 0 || lower.indexOf(':') >= 0)
                    && (lower.contains("pass") || lower.contains("pwd") || lower.contains("secret")
                    || lower.contains("token") || lower.contains("credential") || lower.contains("saml")
                    || lower.contains("relaystate") || lower.contains("key") || lower.contains("pin")
                    || lower.contains("otp")),
            Pattern.compile("(?<![\\w>-])("
                    + "[\\w-]*?(?:password|passwd|passphrase|passcode|secret|token|credential"
                    + "|samlresponse|relaystate|api[_-]?key|private[_-]?key)[\\w-]*"
                    + "|(?:[\\w-]*[_-])?(?:pass|pwd|pin|otp|totp|hotp))"
                    + "(?<!exception|error)"
                    + "((?:\\\\?[\"'])?[ \\t]*[:=][ \\t]*)"
                    + "(?:" + ALREADY_MASKED + "(?=[\\s)\\]}>,;\"']|\\z)|(" + DOUBLE_QUOTED + ")|(" + SINGLE_QUOTED + ")|(" + ESCAPED_QUOTED + ")"
                    + "|(\\S++))",
                    Pattern.CASE_INSENSITIVE),
            SecretRedactor::maskKeyValue);

    /*
     * https://alice:hunter2@proxy.example.com:8080/
     * A password in the user-info part of a URL (proxy settings, for instance); the user is kept.
     */
    private static final Rule URL_PASSWORD = new Rule(
            lower -> lower.contains("://") && lower.indexOf('@') >= 0,
            Pattern.compile("\\b([a-z][a-z0-9+.-]*://[^:/?#@\\s]+:)[^@/?#\\s]+@", Pattern.CASE_INSENSITIVE),
            m -> m.group(1) + MASK + "@");

    /*
     * PHNhbWxwOlJlc3BvbnNl...   (base64 of "<samlp:Response"; "PHNhbW" is "<saml", "PD94bWwg" is "<?xml ")
     * A base64 (or URL-encoded base64) run that decodes to SAML or other XML, masked at any length.
     * Case-sensitive on purpose: base64 is.
     */
    private static final Rule SAML_BASE64 = new Rule(
            lower -> lower.contains("phnhbw") || lower.contains("pd94bwwg"),
            Pattern.compile("(?<![A-Za-z0-9+/])(?:PHNhbW|PD94bWwg)(?:" + BASE64_CHAR + "|%[0-9A-Fa-f]{2})*+"),
            m -> MASK);

    /*
     * <any run of more than 200 base64 characters>
     * Long opaque blobs: an encrypted or deflated SAML response, a PKCS#12 file, a JWT, a key in
     * DER form. Nothing worth reading in a log is 200 base64 characters without a dot or space.
     */
    private static final Rule LONG_BASE64 = new Rule(
            SecretRedactor::hasLongBase64Run,
            Pattern.compile("(?<![A-Za-z0-9+/=_-])(?:" + BASE64_CHAR + "|%[0-9A-Fa-f]{2}){"
                    + (LONG_BASE64_RUN + 1) + ",}+"),
            m -> MASK);

    /** Every rule, in the order they run. */
    private static final List<Rule> RULES = List.of(
            PRIVATE_KEY_BLOCK, OPENVPN_KEY_BLOCK, INLINE_PROFILE_SECRET, SAML_XML,
            CRV1_RESPONSE, CRV1_CHALLENGE, SCRV1_RESPONSE,
            CREDENTIAL_HEADER, MANAGEMENT_PASSWORD, PUSHED_AUTH_TOKEN, KEY_VALUE,
            SAML_BASE64, LONG_BASE64, URL_PASSWORD);

    /** Returns {@code text} with every secret it contains masked; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String result = text;
        for (Rule rule : RULES) {
            if (rule.trigger().test(lower)) {
                result = rule.apply(result);
            }
        }
        return result;
    }

    /** A rule for a block between BEGIN and END armor lines whose label matches {@code label}. */
    private static Rule armoredBlock(String trigger, String label) {
        Pattern pattern = Pattern.compile("(-----BEGIN " + label + "-----)(?s:.*?)(?:(-----END " + label + "-----)|\\z)");
        return new Rule(lower -> lower.contains(trigger) && lower.contains("-----begin"), pattern,
                m -> m.group(1) + MASK + (m.group(2) != null ? m.group(2) : ""));
    }

    /** The replacement for a {@link #KEY_VALUE} match: key and separator kept, value masked. */
    private static String maskKeyValue(MatchResult m) {
        String keep = m.group(1) + m.group(2);
        if (m.group(3) != null) {
            return keep + "\"" + MASK + "\"";
        }
        if (m.group(4) != null) {
            return keep + "'" + MASK + "'";
        }
        if (m.group(5) != null) {
            return keep + "\\\"" + MASK + "\\\"";
        }
        String unquoted = m.group(6);
        if (unquoted == null) {
            return m.group(); // already masked
        }
        // Closing brackets, commas, semicolons and quotes at the end belong to the text around the
        // pair: {user=bob, password=x} or Credentials[otp=1].
        int end = unquoted.length();
        while (end > 1 && TRAILING_PUNCTUATION.indexOf(unquoted.charAt(end - 1)) >= 0) {
            end--;
        }
        String value = unquoted.substring(0, end);
        if (SAML_LISTENER_PORT.matcher(value).matches()) {
            return m.group();
        }
        return keep + MASK + unquoted.substring(end);
    }

    /** True when {@code text} has a run of base64 characters longer than {@link #LONG_BASE64_RUN}. */
    static boolean hasLongBase64Run(String text) {
        if (text.length() <= LONG_BASE64_RUN) {
            return false;
        }
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean base64 = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '+' || c == '/' || c == '=' || c == '_' || c == '-' || c == '%';
            run = base64 ? run + 1 : 0;
            if (run > LONG_BASE64_RUN) {
                return true;
            }
        }
        return false;
    }

    /** One pattern, the cheap test that decides whether it is worth running, and its replacement. */
    private record Rule(Predicate<String> trigger, Pattern pattern, Function<MatchResult, String> replacement) {
        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) {
                return text; // the common case: no allocation
            }
            return matcher.replaceAll(match -> Matcher.quoteReplacement(replacement.apply(match)));
        }
    }
}

package dev.corridor.protocol.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The login banner as pushed {@code echo} options, both ways: the server cuts every banner line into
 * options that OpenVPN 2.x can read, and the client puts the lines back together.
 *
 * <pre>
 *   server, one banner line:
 *     escape  %  ,  and control characters as %XX        (a comma would end the option in the PUSH_REPLY)
 *     cut into pieces between characters, each option at most MAX_OPTION_BYTES
 *     echo "msg-n PIECE 1"  ...  echo "msg-n PIECE k-1"  echo "msg PIECE k"
 *     a blank line inside the banner: echo "msg"
 *
 *   client, the pushed echo texts in order:
 *     msg-n TEXT             ─► TEXT appended to the line being built
 *     msg TEXT  |  msg       ─► TEXT appended, the line is complete
 *     msg-window T | msg-notify T ─► ends a line being built (T is a window title, not banner text)
 *     anything else          ─► a line of its own, as it is (another server's plain echo); blank ones dropped
 * </pre>
 *
 * The {@code msg}, {@code msg-n} words and the %XX escapes are the convention OpenVPN GUI reads from the
 * management interface's echo lines; a stock OpenVPN 2.6 logs echo texts starting with {@code msg} as
 * {@code ECHO-PULL:}. Each option is one double-quoted parameter, so OpenVPN's parser keeps every blank,
 * {@code #} and {@code ;} and never hits its 16-parameter limit.
 *
 * <p>Why {@link #MAX_OPTION_BYTES}: OpenVPN 2.6 reads each pushed option into a 256-byte line
 * ({@code apply_push_options}, OPTION_PARM_SIZE; a longer one is cut there and its rest read as another
 * option), each parameter into 256 bytes (parse_line refuses longer) and joins an echo's parameters into
 * 256 bytes ("echo/parameter option overflow"). 200 bytes stays well under all three.
 */
public final class BannerEchoes {
    /** The longest echo option sent, in UTF-8 bytes; OpenVPN 2.6 reads at most 255. */
    public static final int MAX_OPTION_BYTES = 200;

    private static final String LINE = "msg";
    private static final String PIECE = "msg-n";
    private static final String OPEN = "echo \"";
    private static final String CLOSE = "\"";

    private BannerEchoes() {}

    /**
     * The echo options for a banner text; lines break at CR, LF or CRLF, and blank lines at its start
     * and end are left out.
     */
    public static List<String> options(String banner) {
        List<String> lines = new ArrayList<>(List.of(banner.split("\\R", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> options = new ArrayList<>();
        for (String line : lines) {
            addLine(options, line.isBlank() ? "" : line);
        }
        return List.copyOf(options);
    }

    private static void addLine(List<String> options, String line) {
        int budget = MAX_OPTION_BYTES - utf8Length(OPEN + PIECE + " " + CLOSE);
        StringBuilder piece = new StringBuilder();
        int pieceBytes = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            i += Character.charCount(codePoint);
            String escaped = escape(codePoint);
            int bytes = utf8Length(escaped);
            if (pieceBytes + bytes > budget) {
                options.add(option(PIECE, piece));
                piece.setLength(0);
                pieceBytes = 0;
            }
            piece.append(escaped);
            pieceBytes += bytes;
        }
        options.add(option(LINE, piece));
    }

    private static String option(String word, CharSequence piece) {
        return piece.length() == 0 ? OPEN + word + CLOSE : OPEN + word + " " + piece + CLOSE;
    }

    /** One character as it goes inside the option: %XX for '%', ',' and controls, a backslash before '"' and '\'. */
    private static String escape(int codePoint) {
        if (codePoint == '%' || codePoint == ',' || codePoint < 0x20 || codePoint == 0x7F) {
            return String.format("%%%02X", codePoint);
        }
        if (codePoint == '"' || codePoint == '\\') {
            return "\\" + (char) codePoint;
        }
        return new String(Character.toChars(codePoint));
    }

    /**
     * The banner lines from the pushed echo texts (each an echo's parameters joined by one space, as
     * {@link PushOptions.Session#echo()} holds them).
     */
    public static List<String> lines(List<String> echoes) {
        List<String> lines = new ArrayList<>();
        StringBuilder pending = null;
        for (String echo : echoes) {
            if (echo.startsWith(PIECE + " ") || echo.equals(PIECE)) {
                pending = pending == null ? new StringBuilder() : pending;
                pending.append(unescape(rest(echo, PIECE)));
            } else if (echo.startsWith(LINE + " ") || echo.equals(LINE)) {
                String text = unescape(rest(echo, LINE));
                lines.add(pending == null ? text : pending.append(text).toString());
                pending = null;
            } else {
                if (pending != null) {
                    lines.add(pending.toString());
                    pending = null;
                }
                if (!echo.startsWith("msg-window ") && !echo.startsWith("msg-notify ") && !echo.isBlank()) {
                    lines.add(echo);
                }
            }
        }
        if (pending != null) {
            lines.add(pending.toString());
        }
        return List.copyOf(lines);
    }

    private static String rest(String echo, String word) {
        return echo.length() > word.length() ? echo.substring(word.length() + 1) : "";
    }

    /** Undoes %XX escapes (bytes, read as UTF-8 together with the text around them); a lone '%' stays. */
    private static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                i += Character.charCount(codePoint);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The value of an ASCII hex digit, or -1. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

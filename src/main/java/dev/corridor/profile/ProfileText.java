package dev.corridor.profile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the raw bytes of a profile into lines, refusing what is not a text profile: too large,
 * binary, or not UTF-8. A UTF-8 byte-order mark is dropped and CRLF, LF and lone CR all end a line.
 */
final class ProfileText {
    /** Real profiles are a few KB; inline certificates and CRLs of big CAs stay well under this. */
    static final int MAX_BYTES = 1024 * 1024;
    /** AWS's OpenVPN raised option lines to 128 KB; anything longer is not a profile line. */
    static final int MAX_LINE_CHARS = 128 * 1024;

    private ProfileText() {}

    /** The lines of {@code bytes}, or empty after reporting why the bytes are not a profile. */
    static Optional<List<String>> decode(byte[] bytes, DiagnosticSink sink) {
        if (bytes.length > MAX_BYTES) {
            sink.error(Reason.TOO_LARGE, 1, "the file is " + bytes.length + " bytes; a profile may be at most "
                    + MAX_BYTES + " bytes (is this really an .ovpn file?)");
            return Optional.empty();
        }
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        }
        int line = 1;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                sink.error(Reason.NOT_TEXT, line, "the file contains a NUL byte; it is binary, not a text profile");
                return Optional.empty();
            }
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String text;
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            text = decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            sink.error(Reason.NOT_UTF8, firstBadLine(bytes, start),
                    "the file is not valid UTF-8; save it as UTF-8 and import it again");
            return Optional.empty();
        }
        if (text.isBlank()) {
            sink.error(Reason.EMPTY_PROFILE, 1, "the profile is empty");
            return Optional.empty();
        }
        List<String> lines = splitLines(text);
        boolean tooLong = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > MAX_LINE_CHARS) {
                sink.error(Reason.LINE_TOO_LONG, i + 1, "the line has " + lines.get(i).length()
                        + " characters; at most " + MAX_LINE_CHARS + " are allowed");
                tooLong = true;
            }
        }
        return tooLong ? Optional.empty() : Optional.of(lines);
    }

    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int begin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(begin, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                begin = i + 1;
            }
        }
        if (begin < text.length()) {
            lines.add(text.substring(begin));
        }
        return lines;
    }

    /** The line holding the first byte sequence that is not UTF-8. */
    private static int firstBadLine(byte[] bytes, int start) {
        int lineStart = start;
        int line = 1;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                try {
                    decoder.decode(ByteBuffer.wrap(bytes, lineStart, i - lineStart));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return 1;
    }
}

package dev.corridor.protocol.message;

import dev.corridor.protocol.message.ControlMessage.AuthFailed;
import dev.corridor.protocol.message.ControlMessage.PushReply;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads one control-message text (as cut by {@link ControlTextReader}) into a {@link ControlMessage}.
 * Never throws: text it does not recognise becomes {@link ControlMessage.Unknown}, and a known
 * keyword with odd arguments is read as leniently as OpenVPN does.
 *
 * <pre>
 *   keyword = text up to the first ',' (the whole text when there is none)
 *   PUSH_REPLY   -> split the rest on ',' (options cannot contain commas), strip leading blanks,
 *                   drop empties, take push-continuation out
 *   AUTH_FAILED  -> rest starts with SESSION: | TEMP | CRV1: ? that form : plain reason
 *   CRV1:f:s:u:t -> split on the first four ':' only; t keeps its colons (an IdP URL)
 *   RESTART/HALT -> rest starts "[letters]"? flags, then an optional ':' and the message
 *   INFO/INFO_PRE-> CR_TEXT:f:c | WEB_AUTH:f:url | OPEN_URL:url | plain text
 * </pre>
 */
public final class ControlMessageParser {
    private ControlMessageParser() {}

    /** The message {@code text} stands for. */
    public static ControlMessage parse(String text) {
        if (text == null) {
            return new ControlMessage.Unknown("");
        }
        int comma = text.indexOf(',');
        String keyword = comma < 0 ? text : text.substring(0, comma);
        String rest = comma < 0 ? "" : text.substring(comma + 1);
        boolean hasRest = comma >= 0;
        switch (keyword) {
            case "PUSH_REQUEST":
                return hasRest ? new ControlMessage.Unknown(text) : new ControlMessage.PushRequest();
            case "PUSH_REPLY":
                return pushReply(rest);
            case "AUTH_FAILED":
                return authFailed(rest);
            case "AUTH_PENDING":
                return new ControlMessage.AuthPending(hasRest ? splitKeepingNonEmpty(rest) : List.of());
            case "RESTART":
                return restartOrHalt(rest, true);
            case "HALT":
                return restartOrHalt(rest, false);
            case "INFO":
                return info(rest, false);
            case "INFO_PRE":
                return info(rest, true);
            case "CR_RESPONSE":
                return new ControlMessage.CrResponse(rest);
            case "EXIT":
                return hasRest ? new ControlMessage.Unknown(text) : new ControlMessage.Exit();
            default:
                return new ControlMessage.Unknown(text);
        }
    }

    private static ControlMessage pushReply(String rest) {
        List<String> options = new ArrayList<>();
        PushReply.Continuation continuation = PushReply.Continuation.NONE;
        for (String part : rest.split(",", -1)) {
            String option = part.stripLeading();
            if (option.isEmpty()) {
                continue;
            }
            if (ControlMessageFields.isContinuation(option)) {
                String value = option.substring(ControlMessageFields.CONTINUATION.length()).trim();
                // 2.x: 2 means more parts follow; 1 (and anything else it reads as not 2) ends the reply
                continuation = value.equals("2") ? PushReply.Continuation.MORE : PushReply.Continuation.LAST;
                continue;
            }
            options.add(option);
        }
        return new PushReply(options, continuation);
    }

    private static ControlMessage authFailed(String rest) {
        if (rest.startsWith("SESSION:")) {
            return AuthFailed.session(rest.substring("SESSION:".length()));
        }
        if (rest.equals("TEMP") || rest.startsWith("TEMP[") || rest.startsWith("TEMP:")) {
            return temporary(rest.substring("TEMP".length()));
        }
        if (rest.startsWith("CRV1:")) {
            String[] fields = rest.substring("CRV1:".length()).split(":", 4);
            if (fields.length == 4) {
                return AuthFailed.crv1(splitKeepingNonEmpty(fields[0]), fields[1], fields[2], fields[3]);
            }
        }
        return AuthFailed.plain(rest);
    }

    /** {@code [backoff n,advance x]:message}, every part optional (ovpn3 {@code parse_auth_failed_temp}). */
    private static ControlMessage temporary(String afterTemp) {
        OptionalInt backoff = OptionalInt.empty();
        Optional<AuthFailed.Temp.Advance> advance = Optional.empty();
        int at = 0;
        int close = afterTemp.indexOf(']');
        if (afterTemp.startsWith("[") && close > 0) {
            for (String flag : afterTemp.substring(1, close).split(",")) {
                String[] words = flag.trim().split("\\s+");
                if (words.length != 2) {
                    continue;
                }
                if (words[0].equals("backoff")) {
                    OptionalInt seconds = unsignedInt(words[1]);
                    if (seconds.isPresent()) {
                        backoff = seconds;
                    }
                } else if (words[0].equals("advance")) {
                    Optional<AuthFailed.Temp.Advance> named = AuthFailed.Temp.Advance.fromWord(words[1]);
                    if (named.isPresent()) {
                        advance = named;
                    }
                }
            }
            at = close + 1;
        }
        String message = at < afterTemp.length() && afterTemp.charAt(at) == ':' ? afterTemp.substring(at + 1) : "";
        return AuthFailed.temporary(backoff, advance, message);
    }

    private static ControlMessage restartOrHalt(String rest, boolean restart) {
        EnumSet<ControlMessage.SignalFlag> flags = EnumSet.noneOf(ControlMessage.SignalFlag.class);
        String message = rest;
        int close = rest.indexOf(']');
        if (rest.startsWith("[") && close > 0) {
            flags.addAll(ControlMessage.SignalFlag.parse(rest.substring(1, close)));
            message = rest.substring(close + 1);
            if (message.startsWith(":")) {
                message = message.substring(1);
            }
        }
        return restart ? new ControlMessage.Restart(flags, message) : new ControlMessage.Halt(flags, message);
    }

    private static ControlMessage info(String rest, boolean pre) {
        if (rest.startsWith("CR_TEXT:")) {
            String[] fields = rest.substring("CR_TEXT:".length()).split(":", 2);
            if (fields.length == 2) {
                return new ControlMessage.CrText(splitKeepingNonEmpty(fields[0]), fields[1], pre);
            }
        } else if (rest.startsWith("WEB_AUTH:")) {
            String body = rest.substring("WEB_AUTH:".length());
            int colon = colonOutsideBrackets(body); // a proxy flag may hold [IPv6] with colons
            if (colon >= 0) {
                return new ControlMessage.WebAuth(splitKeepingNonEmpty(body.substring(0, colon)),
                        body.substring(colon + 1), pre, false);
            }
        } else if (rest.startsWith("OPEN_URL:")) {
            return new ControlMessage.WebAuth(List.of(), rest.substring("OPEN_URL:".length()), pre, true);
        }
        return pre ? new ControlMessage.InfoPre(rest) : new ControlMessage.Info(rest);
    }

    private static int colonOutsideBrackets(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitKeepingNonEmpty(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** A non-negative decimal int, or empty (no sign, no blanks, no overflow). */
    static OptionalInt unsignedInt(String text) {
        if (text.isEmpty() || text.length() > 10) {
            return OptionalInt.empty();
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            value = value * 10 + (c - '0');
        }
        return value > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) value);
    }
}

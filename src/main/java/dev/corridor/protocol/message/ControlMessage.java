package dev.corridor.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A control-channel message after the key exchange, in either direction (protocol.md §6.1–6.4,
 * §7.2). {@link ControlMessageParser} reads one from text; {@link #text()} writes it back, and
 * {@link #toBytes()} adds the NUL that ends it on the wire.
 *
 * <pre>
 *   C->S  PUSH_REQUEST | CR_RESPONSE,<b64> | EXIT
 *   S->C  PUSH_REPLY,<opt>,<opt>,...[,push-continuation 2|1]
 *         AUTH_FAILED[,<reason> | ,SESSION:<msg> | ,TEMP[backoff n,advance x]:<msg> | ,CRV1:<flags>:<state>:<user>:<text>]
 *         AUTH_PENDING[,timeout n]   RESTART[,[PN]:<msg>]   HALT[,<msg>]   EXIT
 *         INFO,<text> | INFO_PRE,<text>   (CR_TEXT:<flags>:<challenge> -> CrText; WEB_AUTH:<flags>:<url>, OPEN_URL:<url> -> WebAuth)
 *   anything else -> Unknown
 * </pre>
 */
public sealed interface ControlMessage permits ControlMessage.PushRequest, ControlMessage.PushReply,
        ControlMessage.AuthFailed, ControlMessage.AuthPending, ControlMessage.Restart, ControlMessage.Halt,
        ControlMessage.Info, ControlMessage.InfoPre, ControlMessage.CrText, ControlMessage.WebAuth,
        ControlMessage.CrResponse, ControlMessage.Exit, ControlMessage.Unknown {

    /** The message as text, without the terminating NUL. */
    String text();

    /** The message as sent: UTF-8 text and a NUL. Refuses text with control characters. */
    default byte[] toBytes() {
        return ControlTextWriter.encode(text());
    }

    /** {@code PUSH_REQUEST}: the client asks for its settings. */
    record PushRequest() implements ControlMessage {
        @Override
        public String text() {
            return "PUSH_REQUEST";
        }
    }

    /**
     * {@code PUSH_REPLY,...}: pushed options (one part of them when continued). The
     * {@code push-continuation} option is taken out of {@link #options()} into {@link #continuation()}.
     * {@link #toString()} hides auth-token values.
     */
    record PushReply(List<String> options, Continuation continuation) implements ControlMessage {
        /** What the {@code push-continuation} option said. */
        public enum Continuation {
            /** No push-continuation option: the reply is complete in one message. */
            NONE,
            /** {@code push-continuation 1}: the last part of a multi-part reply. */
            LAST,
            /** {@code push-continuation 2}: more parts follow. */
            MORE
        }

        public PushReply {
            options = List.copyOf(options);
            Objects.requireNonNull(continuation, "continuation");
            for (String option : options) {
                if (option.isEmpty() || option.indexOf(',') >= 0 || Character.isWhitespace(option.charAt(0))
                        || ControlMessageFields.isContinuation(option)) {
                    throw new IllegalArgumentException("not a pushable option: " + redacted(option));
                }
            }
        }

        /** A complete single-message reply. */
        public static PushReply of(List<String> options) {
            return new PushReply(options, Continuation.NONE);
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder("PUSH_REPLY");
            for (String option : options) {
                out.append(',').append(option);
            }
            if (continuation == Continuation.MORE) {
                out.append(",push-continuation 2");
            } else if (continuation == Continuation.LAST) {
                out.append(",push-continuation 1");
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return "PushReply[options=" + options.stream().map(PushReply::redacted).collect(Collectors.toList())
                    + ", continuation=" + continuation + "]";
        }

        /** The option with an auth-token value replaced by [redacted]. */
        static String redacted(String option) {
            String trimmed = option.stripLeading();
            if (trimmed.startsWith("auth-token ") || trimmed.startsWith("auth-token\t")) {
                return "auth-token [redacted]";
            }
            return option;
        }
    }

    /**
     * {@code AUTH_FAILED[,...]}: authentication was refused. {@link #reason()} is the text for the
     * user: the free text, the SESSION or TEMP message, or for CRV1 the challenge text (for AWS
     * SAML, the IdP URL to open).
     */
    record AuthFailed(Kind kind, String reason) implements ControlMessage {
        public AuthFailed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code AUTH_FAILED} or {@code AUTH_FAILED,<reason>}. */
        public static AuthFailed plain(String reason) {
            return new AuthFailed(new Plain(), reason);
        }

        /** {@code AUTH_FAILED,SESSION:<message>}: the auth-token is no longer valid. */
        public static AuthFailed session(String message) {
            return new AuthFailed(new Session(), message);
        }

        /** {@code AUTH_FAILED,TEMP[backoff n,advance x]:<message>}. */
        public static AuthFailed temporary(OptionalInt backoffSeconds, Optional<Temp.Advance> advance, String message) {
            return new AuthFailed(new Temp(backoffSeconds, advance), message);
        }

        /** {@code AUTH_FAILED,CRV1:<flags>:<state>:<user>:<text>}. */
        public static AuthFailed crv1(List<String> flags, String stateId, String usernameField, String text) {
            return new AuthFailed(new Crv1(flags, stateId, usernameField), text);
        }

        @Override
        public String text() {
            if (kind instanceof Plain) {
                return reason.isEmpty() ? "AUTH_FAILED" : "AUTH_FAILED," + reason;
            }
            if (kind instanceof Session) {
                return "AUTH_FAILED,SESSION:" + reason;
            }
            if (kind instanceof Temp temp) {
                List<String> flags = new ArrayList<>();
                temp.backoffSeconds().ifPresent(seconds -> flags.add("backoff " + seconds));
                temp.advance().ifPresent(advance -> flags.add("advance " + advance.word()));
                return "AUTH_FAILED,TEMP" + (flags.isEmpty() ? "" : "[" + String.join(",", flags) + "]")
                        + (reason.isEmpty() ? "" : ":" + reason);
            }
            Crv1 crv1 = (Crv1) kind;
            return "AUTH_FAILED,CRV1:" + String.join(",", crv1.flags()) + ":" + crv1.stateId() + ":"
                    + crv1.usernameField() + ":" + reason;
        }

        /** Which form of AUTH_FAILED this is. */
        public sealed interface Kind permits Plain, Session, Temp, Crv1 {}

        /** A plain refusal, optionally with free text. */
        public record Plain() implements Kind {}

        /** {@code SESSION:}: the session token expired or is unknown; drop it and log in afresh. */
        public record Session() implements Kind {}

        /**
         * {@code TEMP}: a temporary refusal; retry after {@code backoffSeconds}, moving on in the
         * remote list as {@code advance} says (the default is the next address).
         */
        public record Temp(OptionalInt backoffSeconds, Optional<Advance> advance) implements Kind {
            /** How to move through the remote list before retrying. */
            public enum Advance {
                NO("no"), ADDR("addr"), REMOTE("remote");

                private final String word;

                Advance(String word) {
                    this.word = word;
                }

                /** The word on the wire. */
                public String word() {
                    return word;
                }

                /** The advance named by {@code word}, if known. */
                public static Optional<Advance> fromWord(String word) {
                    for (Advance advance : values()) {
                        if (advance.word.equals(word)) {
                            return Optional.of(advance);
                        }
                    }
                    return Optional.empty();
                }
            }

            public Temp {
                Objects.requireNonNull(backoffSeconds, "backoffSeconds");
                Objects.requireNonNull(advance, "advance");
            }
        }

        /**
         * {@code CRV1}: a dynamic challenge (protocol.md §7.2). Answer on the next connection with
         * the password {@code CRV1::<stateId>::<response>}.
         *
         * @param flags         comma-separated flags: R = response required, E = echo the answer
         * @param stateId       opaque state; AWS: {@code instance-<n>/<digits>/<uuid>} (slashes, no colons)
         * @param usernameField the username field as sent (base64 of the username; AWS sends
         *                      {@code b'Ti9B'}), not decoded here
         */
        public record Crv1(List<String> flags, String stateId, String usernameField) implements Kind {
            public Crv1 {
                flags = List.copyOf(flags);
                ControlMessageFields.requireFlags(flags);
                ControlMessageFields.requireNoColon(stateId, "stateId");
                ControlMessageFields.requireNoColon(usernameField, "usernameField");
            }

            /** Flag R: the server wants an answer. */
            public boolean responseRequired() {
                return flags.contains("R");
            }

            /** Flag E: the answer may be shown while typed. */
            public boolean echo() {
                return flags.contains("E");
            }

            /**
             * The username, decoded leniently: the field itself, or inside a Python-style
             * {@code b'...'} wrapper, as base64; empty when that does not decode to UTF-8.
             */
            public Optional<String> decodedUsername() {
                String field = usernameField;
                if (field.length() >= 3 && field.startsWith("b'") && field.endsWith("'")) {
                    field = field.substring(2, field.length() - 1);
                }
                try {
                    byte[] bytes = Base64.getDecoder().decode(field);
                    return Optional.of(StandardCharsets.UTF_8.newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
                } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * {@code AUTH_PENDING[,keyword,...]}: out-of-band authentication is running; wait longer for
     * PUSH_REPLY. The known keyword is {@code timeout <seconds>}.
     */
    record AuthPending(List<String> keywords) implements ControlMessage {
        public AuthPending {
            keywords = List.copyOf(keywords);
        }

        /** {@code AUTH_PENDING,timeout <seconds>}. */
        public static AuthPending withTimeout(int seconds) {
            return new AuthPending(List.of("timeout " + seconds));
        }

        /** The first {@code timeout <n>} keyword's value, when there is one. */
        public OptionalInt timeoutSeconds() {
            for (String keyword : keywords) {
                String[] words = keyword.trim().split("\\s+");
                if (words.length == 2 && words[0].equals("timeout")) {
                    OptionalInt value = ControlMessageParser.unsignedInt(words[1]);
                    if (value.isPresent()) {
                        return value;
                    }
                }
            }
            return OptionalInt.empty();
        }

        @Override
        public String text() {
            return keywords.isEmpty() ? "AUTH_PENDING" : "AUTH_PENDING," + String.join(",", keywords);
        }
    }

    /** Flags in brackets at the start of a RESTART or HALT message. */
    enum SignalFlag {
        /** P: keep the cached password / auth-token (otherwise purge it). */
        PRESERVE_CREDENTIALS('P'),
        /** N: move on to the next server. */
        NEXT_SERVER('N');

        private final char letter;

        SignalFlag(char letter) {
            this.letter = letter;
        }

        /** The letter on the wire. */
        public char letter() {
            return letter;
        }

        static Set<SignalFlag> parse(String letters) {
            EnumSet<SignalFlag> flags = EnumSet.noneOf(SignalFlag.class);
            for (SignalFlag flag : values()) {
                if (letters.indexOf(flag.letter) >= 0) {
                    flags.add(flag);
                }
            }
            return Collections.unmodifiableSet(flags);
        }

        static String render(String keyword, Set<SignalFlag> flags, String message) {
            StringBuilder out = new StringBuilder(keyword);
            if (!flags.isEmpty()) {
                out.append(",[");
                for (SignalFlag flag : values()) {
                    if (flags.contains(flag)) {
                        out.append(flag.letter);
                    }
                }
                out.append(']');
                if (!message.isEmpty()) {
                    out.append(':').append(message);
                }
            } else if (message.startsWith("[")) {
                out.append(",[]:").append(message); // keeps a leading '[' from reading as flags
            } else if (!message.isEmpty()) {
                out.append(',').append(message);
            }
            return out.toString();
        }
    }

    /** {@code RESTART[,[flags]:message]}: reconnect. */
    record Restart(Set<SignalFlag> flags, String message) implements ControlMessage {
        public Restart {
            flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(SignalFlag.class) : EnumSet.copyOf(flags));
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String text() {
            return SignalFlag.render("RESTART", flags, message);
        }
    }

    /** {@code HALT[,[flags]:message]}: disconnect and do not reconnect. */
    record Halt(Set<SignalFlag> flags, String message) implements ControlMessage {
        public Halt {
            flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(SignalFlag.class) : EnumSet.copyOf(flags));
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String text() {
            return SignalFlag.render("HALT", flags, message);
        }
    }

    /** {@code INFO,<text>}: text for the user (e.g. a banner). */
    record Info(String message) implements ControlMessage {
        public Info {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String text() {
            return message.isEmpty() ? "INFO" : "INFO," + message;
        }
    }

    /** {@code INFO_PRE,<text>}: text for the user, delivered before the connection is up. */
    record InfoPre(String message) implements ControlMessage {
        public InfoPre {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String text() {
            return message.isEmpty() ? "INFO_PRE" : "INFO_PRE," + message;
        }
    }

    /**
     * {@code INFO[_PRE],CR_TEXT:<flags>:<challenge>}: a challenge to answer with {@link CrResponse}
     * during this connection. Flags: E = echo, R = response required.
     */
    record CrText(List<String> flags, String challenge, boolean pre) implements ControlMessage {
        public CrText {
            flags = List.copyOf(flags);
            ControlMessageFields.requireFlags(flags);
            Objects.requireNonNull(challenge, "challenge");
        }

        @Override
        public String text() {
            return (pre ? "INFO_PRE," : "INFO,") + "CR_TEXT:" + String.join(",", flags) + ":" + challenge;
        }
    }

    /**
     * {@code INFO[_PRE],WEB_AUTH:<flags>:<url>} or the older {@code OPEN_URL:<url>}: open a web page
     * to authenticate. Flags include {@code external}, {@code hidden}, {@code proxy=...}.
     */
    record WebAuth(List<String> flags, String url, boolean pre, boolean openUrlForm) implements ControlMessage {
        public WebAuth {
            flags = List.copyOf(flags);
            for (String flag : flags) {
                if (flag.isEmpty() || flag.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("bad WEB_AUTH flag: " + flag);
                }
            }
            Objects.requireNonNull(url, "url");
            if (openUrlForm && !flags.isEmpty()) {
                throw new IllegalArgumentException("OPEN_URL carries no flags");
            }
        }

        @Override
        public String text() {
            String body = openUrlForm ? "OPEN_URL:" + url : "WEB_AUTH:" + String.join(",", flags) + ":" + url;
            return (pre ? "INFO_PRE," : "INFO,") + body;
        }
    }

    /** {@code CR_RESPONSE,<base64>} (client to server): the answer to a CR_TEXT challenge. Hidden in toString. */
    record CrResponse(String base64Response) implements ControlMessage {
        public CrResponse {
            Objects.requireNonNull(base64Response, "base64Response");
        }

        /** The message answering with {@code answer} (base64 of its UTF-8 bytes). */
        public static CrResponse forAnswer(String answer) {
            return new CrResponse(Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8)));
        }

        /** The answer decoded from base64, when it is valid base64 of UTF-8. */
        public Optional<String> decodedAnswer() {
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(base64Response))).toString());
            } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
                return Optional.empty();
            }
        }

        @Override
        public String text() {
            return "CR_RESPONSE," + base64Response;
        }

        @Override
        public String toString() {
            return "CrResponse[[redacted]]";
        }
    }

    /** {@code EXIT}: the peer is shutting down (cc-exit). */
    record Exit() implements ControlMessage {
        @Override
        public String text() {
            return "EXIT";
        }
    }

    /** Any other message, kept verbatim. */
    record Unknown(String text) implements ControlMessage {
        public Unknown {
            Objects.requireNonNull(text, "text");
        }
    }
}

package dev.corridor.server.handler;

import java.util.Objects;

/** What one call of the handler gave back before its body is read as a response. */
public sealed interface HandlerReply {
    /** @param bytes what the handler answered (a command's standard output, an HTTP 2xx body) */
    record Body(byte[] bytes) implements HandlerReply {
        public Body {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * The call did not produce an answer.
     *
     * @param failure the outcome to report, never a denial
     */
    record NoAnswer(ConnectOutcome.Failed failure) implements HandlerReply {
        public NoAnswer {
            Objects.requireNonNull(failure, "failure");
        }

        /** A failure with {@code reason} and {@code detail}. */
        public static NoAnswer of(ConnectFailureReason reason, String detail) {
            return new NoAnswer(new ConnectOutcome.Failed(reason, detail));
        }
    }
}

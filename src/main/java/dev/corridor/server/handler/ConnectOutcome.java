package dev.corridor.server.handler;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the client connect handler decided about one new connection. */
public sealed interface ConnectOutcome {
    /**
     * What the guide says clients are told when running the handler fails (throttling, timeout,
     * errors, an invalid response).
     */
    String DEFAULT_CLIENT_MESSAGE = "Error establishing connection. Please contact your administrator.";
    /** Longest denial message and longest posture status, in characters. */
    int MAX_TEXT_CHARACTERS = 255;
    /** Most posture compliance statuses in one response. */
    int MAX_POSTURE_STATUSES = 10;

    /** Empty when the connection may proceed, else the reason for the connection log. */
    Optional<ConnectFailureReason> failureReason();

    /** What the client is told when the connection is refused (AUTH_FAILED text). */
    String clientMessage();

    /** The posture compliance statuses the handler returned (none when it returned no valid response). */
    List<String> postureComplianceStatuses();

    /** @param postureComplianceStatuses the statuses the handler returned, at most 10 */
    record Allowed(List<String> postureComplianceStatuses) implements ConnectOutcome {
        public Allowed {
            postureComplianceStatuses = List.copyOf(postureComplianceStatuses);
        }

        @Override
        public Optional<ConnectFailureReason> failureReason() {
            return Optional.empty();
        }

        @Override
        public String clientMessage() {
            return "";
        }
    }

    /**
     * The handler answered {@code "allow": false}.
     *
     * @param message                   the handler's guidance for the user, at most 255 characters
     * @param postureComplianceStatuses the statuses the handler returned, at most 10
     */
    record Denied(String message, List<String> postureComplianceStatuses) implements ConnectOutcome {
        public Denied {
            Objects.requireNonNull(message, "message");
            if (message.codePointCount(0, message.length()) > MAX_TEXT_CHARACTERS) {
                throw new IllegalArgumentException("a denial message has at most 255 characters");
            }
            postureComplianceStatuses = List.copyOf(postureComplianceStatuses);
        }

        @Override
        public Optional<ConnectFailureReason> failureReason() {
            return Optional.of(ConnectFailureReason.DENIED);
        }

        /** The handler's message, or the guide's default message when the handler gave an empty one. */
        @Override
        public String clientMessage() {
            return message.isBlank() ? DEFAULT_CLIENT_MESSAGE : message;
        }
    }

    /**
     * Running the handler failed; the connection is refused.
     *
     * @param reason why (never {@link ConnectFailureReason#DENIED})
     * @param detail what happened, for the server operator's log (never sent to the client)
     */
    record Failed(ConnectFailureReason reason, String detail) implements ConnectOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if (reason == ConnectFailureReason.DENIED) {
                throw new IllegalArgumentException("a denial is a Denied outcome, not a failure");
            }
        }

        @Override
        public Optional<ConnectFailureReason> failureReason() {
            return Optional.of(reason);
        }

        @Override
        public String clientMessage() {
            return DEFAULT_CLIENT_MESSAGE;
        }

        @Override
        public List<String> postureComplianceStatuses() {
            return List.of();
        }
    }
}

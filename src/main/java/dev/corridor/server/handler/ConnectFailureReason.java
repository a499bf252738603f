package dev.corridor.server.handler;

/**
 * Why the client connect handler stopped a connection, with the exact string the administrator
 * guide puts in a connection log entry's {@code connection-attempt-failure-reason}.
 *
 * <pre>
 *   DENIED                 client-connect-failed                          the handler answered "allow": false
 *   TIMED_OUT              client-connect-handler-timed-out               no answer within the timeout (30 s)
 *   OTHER_EXECUTION_ERROR  client-connect-handler-other-execution-error   the handler failed (exit status, HTTP 5xx)
 *   THROTTLED              client-connect-handler-throttled               too many handler calls at once (HTTP 429)
 *   INVALID_RESPONSE       client-connect-handler-invalid-response        the answer is not the documented JSON
 *   SERVICE_ERROR          client-connect-handler-service-error           the server could not call the handler
 * </pre>
 */
public enum ConnectFailureReason {
    DENIED("client-connect-failed"),
    TIMED_OUT("client-connect-handler-timed-out"),
    OTHER_EXECUTION_ERROR("client-connect-handler-other-execution-error"),
    THROTTLED("client-connect-handler-throttled"),
    INVALID_RESPONSE("client-connect-handler-invalid-response"),
    SERVICE_ERROR("client-connect-handler-service-error");

    private final String logValue;

    ConnectFailureReason(String logValue) {
        this.logValue = logValue;
    }

    /** The guide's string for {@code connection-attempt-failure-reason}. */
    public String logValue() {
        return logValue;
    }
}

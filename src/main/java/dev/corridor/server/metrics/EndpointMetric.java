package dev.corridor.server.metrics;

import java.util.Optional;

/**
 * The metrics the administrator guide says an endpoint publishes (to CloudWatch, every five
 * minutes), with the guide's names, plus SelfServicePortalClientDownloads (Corridor's own: the guide
 * counts only configuration downloads). IdpCertDaysToExpiry (SAML endpoints only) and the Cedar
 * AuthorizationPolicy* metrics are left out: this server has neither.
 */
public enum EndpointMetric {
    ACTIVE_CONNECTIONS_COUNT("ActiveConnectionsCount", Kind.GAUGE,
            "The number of active connections to the Client VPN endpoint."),
    AUTHENTICATION_FAILURES("AuthenticationFailures", Kind.COUNTER,
            "The number of authentication failures for the Client VPN endpoint."),
    CRL_DAYS_TO_EXPIRY("CrlDaysToExpiry", Kind.GAUGE,
            "The number of days until the certificate revocation list configured on the endpoint expires."),
    EGRESS_BYTES("EgressBytes", Kind.COUNTER, "The number of bytes sent from the Client VPN endpoint."),
    EGRESS_PACKETS("EgressPackets", Kind.COUNTER, "The number of packets sent from the Client VPN endpoint."),
    INGRESS_BYTES("IngressBytes", Kind.COUNTER, "The number of bytes received by the Client VPN endpoint."),
    INGRESS_PACKETS("IngressPackets", Kind.COUNTER, "The number of packets received by the Client VPN endpoint."),
    SELF_SERVICE_PORTAL_CLIENT_CONFIGURATION_DOWNLOADS("SelfServicePortalClientConfigurationDownloads", Kind.COUNTER,
            "The number of downloads of the endpoint configuration file from the self-service portal."),
    SELF_SERVICE_PORTAL_CLIENT_DOWNLOADS("SelfServicePortalClientDownloads", Kind.COUNTER,
            "The number of client installer downloads from the self-service portal (Corridor's own metric,"
                    + " not one of the guide's)."),
    CLIENT_CONNECT_HANDLER_TIMEOUTS("ClientConnectHandlerTimeouts", Kind.COUNTER,
            "The number of timeouts on invoking the client connect handler."),
    CLIENT_CONNECT_HANDLER_INVALID_RESPONSES("ClientConnectHandlerInvalidResponses", Kind.COUNTER,
            "The number of invalid responses returned by the client connect handler."),
    CLIENT_CONNECT_HANDLER_OTHER_EXECUTION_ERRORS("ClientConnectHandlerOtherExecutionErrors", Kind.COUNTER,
            "The number of unexpected errors while running the client connect handler."),
    CLIENT_CONNECT_HANDLER_THROTTLING_ERRORS("ClientConnectHandlerThrottlingErrors", Kind.COUNTER,
            "The number of throttling errors on invoking the client connect handler."),
    CLIENT_CONNECT_HANDLER_DENIED_CONNECTIONS("ClientConnectHandlerDeniedConnections", Kind.COUNTER,
            "The number of connections denied by the client connect handler."),
    CLIENT_CONNECT_HANDLER_FAILED_SERVICE_ERRORS("ClientConnectHandlerFailedServiceErrors", Kind.COUNTER,
            "The number of service side errors while running the client connect handler.");

    /** Prometheus metric types: a counter only goes up; a gauge is read when rendered. */
    public enum Kind {
        COUNTER,
        GAUGE
    }

    private final String metricName;
    private final Kind kind;
    private final String help;

    EndpointMetric(String metricName, Kind kind, String help) {
        this.metricName = metricName;
        this.kind = kind;
        this.help = help;
    }

    /** The guide's name, e.g. {@code ActiveConnectionsCount}. */
    public String metricName() {
        return metricName;
    }

    /** Counter or gauge. */
    public Kind kind() {
        return kind;
    }

    /** One line saying what is counted. */
    public String help() {
        return help;
    }

    /**
     * The counter for a client connect handler outcome, given the connection log's failure reason
     * ({@code client-connect-failed}, {@code client-connect-handler-timed-out}, ...); empty for other reasons.
     */
    public static Optional<EndpointMetric> forConnectHandlerFailure(String failureReason) {
        switch (failureReason) {
            case "client-connect-failed":
                return Optional.of(CLIENT_CONNECT_HANDLER_DENIED_CONNECTIONS);
            case "client-connect-handler-timed-out":
                return Optional.of(CLIENT_CONNECT_HANDLER_TIMEOUTS);
            case "client-connect-handler-other-execution-error":
                return Optional.of(CLIENT_CONNECT_HANDLER_OTHER_EXECUTION_ERRORS);
            case "client-connect-handler-throttled":
                return Optional.of(CLIENT_CONNECT_HANDLER_THROTTLING_ERRORS);
            case "client-connect-handler-invalid-response":
                return Optional.of(CLIENT_CONNECT_HANDLER_INVALID_RESPONSES);
            case "client-connect-handler-service-error":
                return Optional.of(CLIENT_CONNECT_HANDLER_FAILED_SERVICE_ERRORS);
            default:
                return Optional.empty();
        }
    }
}

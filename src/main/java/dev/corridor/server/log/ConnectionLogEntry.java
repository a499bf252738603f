package dev.corridor.server.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection log entry in exactly the administrator guide's shape: every value a string
 * ({@code "port": "50096"}, {@code "ingress-bytes": "0"}), times as {@code 2020-03-26 20:37:15}
 * (UTC), and {@code "NA"} where a value does not apply.
 *
 * <pre>
 *   event                         log-type            attempt-status  start  client-ip  end    duration
 *   client connected              connection-attempt  successful      set    set        NA     0
 *   client refused                connection-attempt  failed          NA     NA         NA     NA
 *   periodic update (counters)    connection-reset    NA              set    set        NA     so far
 *   client gone                   connection-reset    NA              set    set        set    total
 * </pre>
 *
 * {@code posture-compliance-statuses} appears only when a client connect handler answered, and
 * {@code username} only with user-based (directory) authentication, as the guide describes.
 * {@code client-ip-v6} is always {@code NA}: the endpoint hands out IPv4 addresses only.
 */
@JsonPropertyOrder({"connection-log-type", "connection-attempt-status", "connection-reset-status",
        "connection-attempt-failure-reason", "connection-id", "client-vpn-endpoint-id", "transport-protocol",
        "connection-start-time", "connection-last-update-time", "client-ip", "client-ip-v6", "common-name",
        "device-type", "device-ip", "port", "ingress-bytes", "egress-bytes", "ingress-packets", "egress-packets",
        "connection-end-time", "posture-compliance-statuses", "username", "connection-duration-seconds"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionLogEntry(
        @JsonProperty("connection-log-type") String connectionLogType,
        @JsonProperty("connection-attempt-status") String connectionAttemptStatus,
        @JsonProperty("connection-reset-status") String connectionResetStatus,
        @JsonProperty("connection-attempt-failure-reason") String connectionAttemptFailureReason,
        @JsonProperty("connection-id") String connectionId,
        @JsonProperty("client-vpn-endpoint-id") String clientVpnEndpointId,
        @JsonProperty("transport-protocol") String transportProtocol,
        @JsonProperty("connection-start-time") String connectionStartTime,
        @JsonProperty("connection-last-update-time") String connectionLastUpdateTime,
        @JsonProperty("client-ip") String clientIp,
        @JsonProperty("client-ip-v6") String clientIpV6,
        @JsonProperty("common-name") String commonName,
        @JsonProperty("device-type") String deviceType,
        @JsonProperty("device-ip") String deviceIp,
        @JsonProperty("port") String port,
        @JsonProperty("ingress-bytes") String ingressBytes,
        @JsonProperty("egress-bytes") String egressBytes,
        @JsonProperty("ingress-packets") String ingressPackets,
        @JsonProperty("egress-packets") String egressPackets,
        @JsonProperty("connection-end-time") String connectionEndTime,
        @JsonProperty("posture-compliance-statuses") List<String> postureComplianceStatuses,
        @JsonProperty("username") String username,
        @JsonProperty("connection-duration-seconds") String connectionDurationSeconds) {

    /** The guide's value for "does not apply". */
    public static final String NA = "NA";
    /** {@code connection-log-type} of an attempt. */
    public static final String CONNECTION_ATTEMPT = "connection-attempt";
    /** {@code connection-log-type} of an update or the end of a connection. */
    public static final String CONNECTION_RESET = "connection-reset";
    /** {@code connection-attempt-status} of an accepted attempt. */
    public static final String SUCCESSFUL = "successful";
    /** {@code connection-attempt-status} of a refused attempt. */
    public static final String FAILED = "failed";
    /** The guide's time format, in UTC. */
    public static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /**
     * Every value but the two optional ones ({@code posture-compliance-statuses}, {@code username},
     * null when absent) is required.
     */
    public ConnectionLogEntry {
        Objects.requireNonNull(connectionLogType, "connectionLogType");
        Objects.requireNonNull(connectionAttemptStatus, "connectionAttemptStatus");
        Objects.requireNonNull(connectionResetStatus, "connectionResetStatus");
        Objects.requireNonNull(connectionAttemptFailureReason, "connectionAttemptFailureReason");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(clientVpnEndpointId, "clientVpnEndpointId");
        Objects.requireNonNull(transportProtocol, "transportProtocol");
        Objects.requireNonNull(connectionStartTime, "connectionStartTime");
        Objects.requireNonNull(connectionLastUpdateTime, "connectionLastUpdateTime");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(clientIpV6, "clientIpV6");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(deviceIp, "deviceIp");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(ingressBytes, "ingressBytes");
        Objects.requireNonNull(egressBytes, "egressBytes");
        Objects.requireNonNull(ingressPackets, "ingressPackets");
        Objects.requireNonNull(egressPackets, "egressPackets");
        Objects.requireNonNull(connectionEndTime, "connectionEndTime");
        Objects.requireNonNull(connectionDurationSeconds, "connectionDurationSeconds");
        postureComplianceStatuses = postureComplianceStatuses == null ? null : List.copyOf(postureComplianceStatuses);
    }

    /** A client was accepted and connected at {@code now} (its start time). */
    public static ConnectionLogEntry successfulAttempt(LoggedConnection connection, Instant now) {
        return of(CONNECTION_ATTEMPT, SUCCESSFUL, NA, connection, TrafficCounters.ZERO, now, Optional.empty());
    }

    /**
     * A client was refused at {@code now}.
     *
     * @param failureReason the reason, e.g. a client connect handler's {@code client-connect-handler-timed-out}
     */
    public static ConnectionLogEntry failedAttempt(LoggedConnection connection, String failureReason, Instant now) {
        Objects.requireNonNull(failureReason, "failureReason");
        LoggedConnection refused = new LoggedConnection(connection.connectionId(), connection.endpointId(),
                connection.transport(), Optional.empty(), Optional.empty(), connection.commonName(),
                connection.deviceType(), connection.device(), connection.username(),
                connection.postureComplianceStatuses());
        return of(CONNECTION_ATTEMPT, FAILED, failureReason, refused, TrafficCounters.ZERO, now, Optional.empty());
    }

    /** A connected client's counters at {@code now}; the connection goes on. */
    public static ConnectionLogEntry update(LoggedConnection connection, TrafficCounters counters, Instant now) {
        return of(CONNECTION_RESET, NA, NA, connection, counters, now, Optional.empty());
    }

    /** A connection ended at {@code end} with these final counters. */
    public static ConnectionLogEntry ended(LoggedConnection connection, TrafficCounters counters, Instant end) {
        return of(CONNECTION_RESET, NA, NA, connection, counters, end, Optional.of(end));
    }

    private static ConnectionLogEntry of(String type, String attemptStatus, String failureReason,
            LoggedConnection connection, TrafficCounters counters, Instant now, Optional<Instant> end) {
        String duration = connection.startTime()
                .map(start -> Long.toString(Math.max(0, Duration.between(start, end.orElse(now)).toSeconds())))
                .orElse(NA);
        return new ConnectionLogEntry(type, attemptStatus, NA, failureReason, connection.connectionId(),
                connection.endpointId(), connection.transport().label(),
                connection.startTime().map(TIME_FORMAT::format).orElse(NA), TIME_FORMAT.format(now),
                connection.clientIp().map(Object::toString).orElse(NA), NA, orNa(connection.commonName()),
                orNa(connection.deviceType()), connection.device().getAddress().getHostAddress(),
                Integer.toString(connection.device().getPort()), Long.toString(counters.ingressBytes()),
                Long.toString(counters.egressBytes()), Long.toString(counters.ingressPackets()),
                Long.toString(counters.egressPackets()), end.map(TIME_FORMAT::format).orElse(NA),
                connection.postureComplianceStatuses().orElse(null), connection.username().orElse(null), duration);
    }

    private static String orNa(String value) {
        return value.isEmpty() ? NA : value;
    }
}

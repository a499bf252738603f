package dev.corridor.server;

import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.MetricsOptions;
import dev.corridor.server.log.ConnectionLogUpdates;
import dev.corridor.server.log.ConnectionLogWriter;
import dev.corridor.server.log.LoggedConnection;
import dev.corridor.server.metrics.EndpointMetric;
import dev.corridor.server.metrics.EndpointMetrics;
import dev.corridor.server.metrics.MetricsHttpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Reports each connection's life to the endpoint's connection log (when enabled) and metrics.
 *
 * <pre>
 *   refused (directory)  ─► AuthenticationFailures + connection-attempt failed
 *   refused (TLS)        ─► AuthenticationFailures (the guide logs no entry for failed mutual auth)
 *   handler said no      ─► ClientConnectHandler* counter + connection-attempt failed
 *   connected            ─► connection-attempt successful
 *   timer pass           ─► connection-reset update every interval
 *   ended                ─► connection-reset with the end time and final counters
 *   data packets         ─► Ingress/Egress Bytes/Packets
 * </pre>
 */
final class ConnectionReporting implements AutoCloseable {
    /** Our value for connection-attempt-failure-reason when credentials are refused (the guide names none). */
    static final String AUTHENTICATION_FAILED = "client-authentication-failed";

    private final EndpointMetrics metrics;
    private final Optional<ConnectionLogWriter> writer;
    private final Optional<ConnectionLogUpdates> updates;
    private final MetricsOptions metricsOptions;
    private final Clock clock;
    private MetricsHttpEndpoint http;

    private ConnectionReporting(EndpointMetrics metrics, Optional<ConnectionLogWriter> writer,
            MetricsOptions metricsOptions, EndpointConfig config, Clock clock) {
        this.metrics = metrics;
        this.writer = writer;
        this.updates = writer.map(w -> new ConnectionLogUpdates(w, config.connectionLog().updateInterval()));
        this.metricsOptions = metricsOptions;
        this.clock = clock;
    }

    /**
     * Opens the connection log named by the configuration and registers the gauges.
     *
     * @param active how many clients are connected
     * @param crls   the CRLs in force (they change on reload)
     */
    static ConnectionReporting open(EndpointConfig config, Path configFolder, Clock clock, IntSupplier active,
            Supplier<List<X509CRL>> crls) throws ServerSetupException {
        EndpointMetrics metrics = new EndpointMetrics(config.endpointId());
        metrics.gauge(EndpointMetric.ACTIVE_CONNECTIONS_COUNT, active::getAsInt);
        if (config.crlFile().isPresent()) {
            metrics.gauge(EndpointMetric.CRL_DAYS_TO_EXPIRY, () -> crls.get().stream()
                .filter(crl -> crl.getNextUpdate() != null)
                .mapToLong(crl -> EndpointMetrics.daysToExpiry(crl.getNextUpdate().toInstant(), clock.instant()))
                    .min().orElse(0));
        }
        Optional<ConnectionLogWriter> writer = Optional.empty();
        if (config.connectionLog().enabled() && config.connectionLog().file().isPresent()) {
            Path file = EndpointConfig.resolve(configFolder, config.connectionLog().file().get());
            try {
                writer = Optional.of(ConnectionLogWriter.open(file));
            } catch (IOException e) {
                throw new ServerSetupException("cannot open the connection log " + file + ": " + e.getMessage());
            }
        }
        return new ConnectionReporting(metrics, writer, config.metrics(), config, clock);
    }

    /** Starts the metrics endpoint when the configuration asks for it. */
    void start() throws IOException {
        if (metricsOptions.enabled()) {
            http = MetricsHttpEndpoint.start(new InetSocketAddress(
                    InetAddress.getByName(metricsOptions.listenAddress().toString()), metricsOptions.port()), metrics);
        }
    }

    /** Where the metrics endpoint listens, when it runs. */
    Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(http).map(MetricsHttpEndpoint::address);
    }

    EndpointMetrics metrics() {
        return metrics;
    }

    /** A client was refused at authentication; {@code loggable} when the guide logs such attempts. */
    void refused(ClientConnection connection, String failureReason, boolean loggable, EndpointConfig config) {
        metrics.increment(EndpointMetric.AUTHENTICATION_FAILURES);
        if (loggable) {
            updates.ifPresent(u -> u.refused(logged(connection, config, Optional.empty()), failureReason,
                    clock.instant()));
        }
    }

    /** The client connect handler refused or failed for this client. */
    void handlerRefused(ClientConnection connection, String failureReason, EndpointConfig config) {
        EndpointMetric.forConnectHandlerFailure(failureReason).ifPresent(metrics::increment);
        updates.ifPresent(u -> u.refused(logged(connection, config, connection.postureStatuses), failureReason,
                clock.instant()));
    }

    void connected(ClientConnection connection, EndpointConfig config) {
        Instant now = clock.instant();
        LoggedConnection logged = logged(connection, config, connection.postureStatuses)
                .established(Instant.ofEpochMilli(connection.connectedAtMillis), connection.address.orElseThrow());
        connection.logged = logged;
        updates.ifPresent(u -> u.connected(logged, now));
    }

    void tick(ClientConnection connection) {
        if (connection.logged != null) {
            updates.ifPresent(u -> u.tick(connection.logged, connection.traffic.snapshot(), clock.instant()));
        }
    }

    void ended(ClientConnection connection) {
        if (connection.logged != null) {
            updates.ifPresent(u -> u.ended(connection.logged, connection.traffic.snapshot(), clock.instant()));
        }
    }

    /** A data packet arrived from a client (wire bytes). */
    void ingress(int bytes) {
        metrics.add(EndpointMetric.INGRESS_BYTES, bytes);
        metrics.increment(EndpointMetric.INGRESS_PACKETS);
    }

    /** A data packet was sent to a client (wire bytes). */
    void egress(int bytes) {
        metrics.add(EndpointMetric.EGRESS_BYTES, bytes);
        metrics.increment(EndpointMetric.EGRESS_PACKETS);
    }

    private static LoggedConnection logged(ClientConnection connection, EndpointConfig config,
            Optional<List<String>> posture) {
        boolean directory = !(config.authentication() instanceof AuthenticationOptions.Mutual);
        return new LoggedConnection(connection.id, config.endpointId(), config.transport(), Optional.empty(),
                Optional.empty(), connection.certificateCn.orElse(""), connection.peerInfo.platform().orElse(""),
                connection.remote(), directory ? Optional.of(connection.username) : Optional.empty(), posture);
    }

    /** Stops the metrics endpoint and writes what the connection log still holds. */
    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        writer.ifPresent(ConnectionLogWriter::close);
    }
}

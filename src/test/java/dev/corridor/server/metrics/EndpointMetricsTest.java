package dev.corridor.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.server.handler.ConnectFailureReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metrics registry and its Prometheus text. */
class EndpointMetricsTest {
    private static final String ENDPOINT = "cvpn-endpoint-0123456789abcdef0";
    private static final Pattern SAMPLE = Pattern.compile(
            "([A-Za-z_:][A-Za-z0-9_:]*)\\{endpoint=\"cvpn-endpoint-0123456789abcdef0\"} (-?[0-9]+)");

    @Test
    void theMetricNamesAreTheGuides() {
        assertThat(List.of(EndpointMetric.values())).extracting(EndpointMetric::metricName).containsExactly(
                "ActiveConnectionsCount", "AuthenticationFailures", "CrlDaysToExpiry", "EgressBytes", "EgressPackets",
                "IngressBytes", "IngressPackets", "SelfServicePortalClientConfigurationDownloads",
                "SelfServicePortalClientDownloads",
                "ClientConnectHandlerTimeouts", "ClientConnectHandlerInvalidResponses",
                "ClientConnectHandlerOtherExecutionErrors", "ClientConnectHandlerThrottlingErrors",
                "ClientConnectHandlerDeniedConnections", "ClientConnectHandlerFailedServiceErrors");
    }

    @Test
    void rendersHelpTypeAndOneLabelledSamplePerMetric() {
        EndpointMetrics metrics = new EndpointMetrics(ENDPOINT);
        metrics.gauge(EndpointMetric.ACTIVE_CONNECTIONS_COUNT, () -> 3);
        metrics.add(EndpointMetric.INGRESS_BYTES, 1500);
        metrics.increment(EndpointMetric.AUTHENTICATION_FAILURES);

        String text = metrics.render();

        assertThat(text).startsWith("""
                # HELP ActiveConnectionsCount The number of active connections to the Client VPN endpoint.
                # TYPE ActiveConnectionsCount gauge
                ActiveConnectionsCount{endpoint="cvpn-endpoint-0123456789abcdef0"} 3
                # HELP AuthenticationFailures The number of authentication failures for the Client VPN endpoint.
                # TYPE AuthenticationFailures counter
                AuthenticationFailures{endpoint="cvpn-endpoint-0123456789abcdef0"} 1
                """);
        assertThat(text).contains("# TYPE IngressBytes counter\nIngressBytes{endpoint=\""
                + ENDPOINT + "\"} 1500\n");
        assertThat(text).endsWith("ClientConnectHandlerFailedServiceErrors{endpoint=\"" + ENDPOINT + "\"} 0\n");
        for (String line : text.split("\n")) {
            assertThat(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches())
                    .as(line).isTrue();
        }
    }

    @Test
    void aGaugeWithoutASupplierIsLeftOut() {
        EndpointMetrics metrics = new EndpointMetrics(ENDPOINT);

        assertThat(metrics.render()).doesNotContain("CrlDaysToExpiry").doesNotContain("ActiveConnectionsCount");
        assertThat(metrics.value(EndpointMetric.CRL_DAYS_TO_EXPIRY)).isEmpty();
        metrics.gauge(EndpointMetric.CRL_DAYS_TO_EXPIRY, () -> 364);
        assertThat(metrics.render()).contains("CrlDaysToExpiry{endpoint=\"" + ENDPOINT + "\"} 364\n");
        metrics.removeGauge(EndpointMetric.CRL_DAYS_TO_EXPIRY);
        assertThat(metrics.render()).doesNotContain("CrlDaysToExpiry");
    }

    @Test
    void countersOnlyGoUpAndGaugesAreNotCounters() {
        EndpointMetrics metrics = new EndpointMetrics(ENDPOINT);

        assertThatThrownBy(() -> metrics.add(EndpointMetric.EGRESS_BYTES, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.increment(EndpointMetric.ACTIVE_CONNECTIONS_COUNT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a gauge");
        assertThatThrownBy(() -> metrics.gauge(EndpointMetric.EGRESS_BYTES, () -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a counter");
    }

    @Test
    void escapesTheEndpointLabel() {
        assertThat(PrometheusText.render("a\"b\\c\nd", List.of(new MetricSample(EndpointMetric.EGRESS_BYTES, 1))))
                .contains("EgressBytes{endpoint=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    @Test
    void everyConnectHandlerFailureHasItsCounter() {
        assertThat(EndpointMetric.forConnectHandlerFailure(ConnectFailureReason.DENIED.logValue()))
                .contains(EndpointMetric.CLIENT_CONNECT_HANDLER_DENIED_CONNECTIONS);
        assertThat(EndpointMetric.forConnectHandlerFailure(ConnectFailureReason.TIMED_OUT.logValue()))
                .contains(EndpointMetric.CLIENT_CONNECT_HANDLER_TIMEOUTS);
        assertThat(EndpointMetric.forConnectHandlerFailure(ConnectFailureReason.OTHER_EXECUTION_ERROR.logValue()))
                .contains(EndpointMetric.CLIENT_CONNECT_HANDLER_OTHER_EXECUTION_ERRORS);
        assertThat(EndpointMetric.forConnectHandlerFailure(ConnectFailureReason.THROTTLED.logValue()))
                .contains(EndpointMetric.CLIENT_CONNECT_HANDLER_THROTTLING_ERRORS);
        assertThat(EndpointMetric.forConnectHandlerFailure(ConnectFailureReason.INVALID_RESPONSE.logValue()))
                .contains(EndpointMetric.CLIENT_CONNECT_HANDLER_INVALID_RESPONSES);
        assertThat(EndpointMetric.forConnectHandlerFailure(ConnectFailureReason.SERVICE_ERROR.logValue()))
                .contains(EndpointMetric.CLIENT_CONNECT_HANDLER_FAILED_SERVICE_ERRORS);
        assertThat(EndpointMetric.forConnectHandlerFailure("authentication-failed")).isEmpty();
    }

    @Test
    void crlDaysToExpiryRoundsDown() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        assertThat(EndpointMetrics.daysToExpiry(now.plusSeconds(86_400 * 2 + 3600), now)).isEqualTo(2);
        assertThat(EndpointMetrics.daysToExpiry(now.plusSeconds(3600), now)).isZero();
        assertThat(EndpointMetrics.daysToExpiry(now.minusSeconds(3600), now)).isEqualTo(-1);
        assertThat(EndpointMetrics.daysToExpiry(now.minusSeconds(86_400), now)).isEqualTo(-1);
        assertThat(EndpointMetrics.daysToExpiry(now.minusSeconds(86_401), now)).isEqualTo(-2);
    }

    @Test
    void manyThreadsCountingAndOneRenderingLoseNothing() throws Exception {
        EndpointMetrics metrics = new EndpointMetrics(ENDPOINT);
        AtomicLong active = new AtomicLong();
        metrics.gauge(EndpointMetric.ACTIVE_CONNECTIONS_COUNT, active::get);
        int threads = 8;
        int rounds = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < rounds; i++) {
                        metrics.add(EndpointMetric.INGRESS_BYTES, 100);
                        metrics.increment(EndpointMetric.INGRESS_PACKETS);
                        active.incrementAndGet();
                        active.decrementAndGet();
                    }
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                go.await();
                long previous = 0;
                long renders = 0;
                while (!workers.stream().allMatch(Future::isDone)) {
                    long packets = valueIn(metrics.render(), "IngressPackets");
                    assertThat(packets).isGreaterThanOrEqualTo(previous);
                    previous = packets;
                    renders++;
                }
                return renders;
            });
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }

        assertThat(metrics.value(EndpointMetric.INGRESS_PACKETS)).hasValue((long) threads * rounds);
        assertThat(metrics.value(EndpointMetric.INGRESS_BYTES)).hasValue(100L * threads * rounds);
        assertThat(valueIn(metrics.render(), "ActiveConnectionsCount")).isZero();
    }

    private static long valueIn(String text, String name) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && sample.group(1).equals(name)) {
                return Long.parseLong(sample.group(2));
            }
        }
        throw new AssertionError(name + " missing from\n" + text);
    }
}

package dev.corridor.server.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The endpoint's metrics, safe to update from any thread: counters are {@link LongAdder}s that
 * any thread bumps without locking; gauges are read from a supplier when the metrics are rendered.
 *
 * <pre>
 *   receiver thread ── add(INGRESS_BYTES, n) ─┐
 *   event loop ─────── increment(AUTHENTICATION_FAILURES)  ├─► counters ─┐
 *   handler threads ── increment(CLIENT_CONNECT_HANDLER_…) ┘              ├─► samples() ─► PrometheusText
 *   gauge(ACTIVE_CONNECTIONS_COUNT, server::activeConnections) ─► gauges ┘
 * </pre>
 *
 * Every counter is rendered (0 until bumped); a gauge is rendered only once it has a supplier, so
 * CrlDaysToExpiry stays absent on an endpoint without a CRL, as on AWS.
 */
public final class EndpointMetrics {
    private final String endpointId;
    private final Map<EndpointMetric, LongAdder> counters = new EnumMap<>(EndpointMetric.class);
    private final Map<EndpointMetric, LongSupplier> gauges = new ConcurrentHashMap<>();

    /** @param endpointId the endpoint's id, the {@code endpoint} label of every sample */
    public EndpointMetrics(String endpointId) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        for (EndpointMetric metric : EndpointMetric.values()) {
            if (metric.kind() == EndpointMetric.Kind.COUNTER) {
                counters.put(metric, new LongAdder());
            }
        }
    }

    /** The endpoint id the samples are labelled with. */
    public String endpointId() {
        return endpointId;
    }

    /** Adds one to a counter. */
    public void increment(EndpointMetric counter) {
        add(counter, 1);
    }

    /** Adds {@code amount} (zero or more) to a counter. */
    public void add(EndpointMetric counter, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("a counter only goes up: " + amount);
        }
        counterOf(counter).add(amount);
    }

    /** Reads gauge {@code gauge} from {@code supplier} whenever the metrics are rendered (replacing any earlier). */
    public void gauge(EndpointMetric gauge, LongSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier");
        if (gauge.kind() != EndpointMetric.Kind.GAUGE) {
            throw new IllegalArgumentException(gauge.metricName() + " is a counter, not a gauge");
        }
        gauges.put(gauge, supplier);
    }

    /** Stops rendering gauge {@code gauge} (e.g. the CRL was removed from the configuration). */
    public void removeGauge(EndpointMetric gauge) {
        gauges.remove(gauge);
    }

    /** The metric's current value; empty for a gauge without a supplier. */
    public OptionalLong value(EndpointMetric metric) {
        if (metric.kind() == EndpointMetric.Kind.COUNTER) {
            return OptionalLong.of(counters.get(metric).sum());
        }
        LongSupplier supplier = gauges.get(metric);
        return supplier == null ? OptionalLong.empty() : OptionalLong.of(supplier.getAsLong());
    }

    /** Every metric that has a value now, in the order of {@link EndpointMetric}. */
    public List<MetricSample> samples() {
        List<MetricSample> samples = new ArrayList<>();
        for (EndpointMetric metric : EndpointMetric.values()) {
            OptionalLong value = value(metric);
            if (value.isPresent()) {
                samples.add(new MetricSample(metric, value.getAsLong()));
            }
        }
        return samples;
    }

    /** The metrics in the Prometheus text format. */
    public String render() {
        return PrometheusText.render(endpointId, samples());
    }

    /**
     * Whole days from {@code now} until a CRL's next update (its expiry), rounded down; negative
     * once it has expired. For the CrlDaysToExpiry gauge.
     */
    public static long daysToExpiry(Instant nextUpdate, Instant now) {
        return Math.floorDiv(Duration.between(now, nextUpdate).toMillis(), Duration.ofDays(1).toMillis());
    }

    private LongAdder counterOf(EndpointMetric metric) {
        LongAdder counter = counters.get(metric);
        if (counter == null) {
            throw new IllegalArgumentException(metric.metricName() + " is a gauge, not a counter");
        }
        return counter;
    }
}

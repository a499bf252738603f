package dev.corridor.server.metrics;

import java.util.Objects;

/**
 * One metric's value at one moment.
 *
 * @param metric which metric
 * @param value  its value
 */
public record MetricSample(EndpointMetric metric, long value) {
    public MetricSample {
        Objects.requireNonNull(metric, "metric");
    }
}

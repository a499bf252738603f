package dev.corridor.server.metrics;

import java.util.List;

/**
 * Renders samples in the Prometheus text exposition format (version 0.0.4), every sample labelled
 * with the endpoint id (CloudWatch's {@code Endpoint} dimension):
 *
 * <pre>
 *   # HELP ActiveConnectionsCount The number of active connections to the Client VPN endpoint.
 *   # TYPE ActiveConnectionsCount gauge
 *   ActiveConnectionsCount{endpoint="cvpn-endpoint-0123456789abcdef0"} 3
 * </pre>
 */
public final class PrometheusText {
    /** The Content-Type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    /** The exposition text for {@code samples}, each line ending in a newline. */
    public static String render(String endpointId, List<MetricSample> samples) {
        String label = "{endpoint=\"" + escapeLabelValue(endpointId) + "\"}";
        StringBuilder text = new StringBuilder(samples.size() * 160);
        for (MetricSample sample : samples) {
            EndpointMetric metric = sample.metric();
            String name = metric.metricName();
            text.append("# HELP ").append(name).append(' ').append(escapeHelp(metric.help())).append('\n');
            text.append("# TYPE ").append(name).append(' ')
                    .append(metric.kind() == EndpointMetric.Kind.COUNTER ? "counter" : "gauge").append('\n');
            text.append(name).append(label).append(' ').append(sample.value()).append('\n');
        }
        return text.toString();
    }

    /** A label value with backslash, double quote and newline escaped. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A HELP text with backslash and newline escaped. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}

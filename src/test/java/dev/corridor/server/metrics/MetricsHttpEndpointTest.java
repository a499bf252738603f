package dev.corridor.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The metrics over HTTP on 127.0.0.1: GET /metrics only. */
class MetricsHttpEndpointTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> request(MetricsHttpEndpoint endpoint, String method, String path)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static MetricsHttpEndpoint start(EndpointMetrics metrics) throws Exception {
        return MetricsHttpEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics);
    }

    @Test
    void servesTheCurrentMetricsOnGet() throws Exception {
        EndpointMetrics metrics = new EndpointMetrics("cvpn-endpoint-0123456789abcdef0");
        try (MetricsHttpEndpoint endpoint = start(metrics)) {
            assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(endpoint.address().getPort()).isPositive();

            metrics.add(EndpointMetric.EGRESS_PACKETS, 7);
            HttpResponse<String> first = request(endpoint, "GET", "/metrics");
            metrics.add(EndpointMetric.EGRESS_PACKETS, 1);
            HttpResponse<String> second = request(endpoint, "GET", "/metrics?ignored=1");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(first.body()).contains("EgressPackets{endpoint=\"cvpn-endpoint-0123456789abcdef0\"} 7\n")
                    .contains("# TYPE EgressPackets counter\n");
            assertThat(second.body()).contains("EgressPackets{endpoint=\"cvpn-endpoint-0123456789abcdef0\"} 8\n");
        }
    }

    @Test
    void otherMethodsAre405AndOtherPaths404() throws Exception {
        try (MetricsHttpEndpoint endpoint = start(new EndpointMetrics("cvpn-endpoint-0123456789abcdef0"))) {
            HttpResponse<String> post = request(endpoint, "POST", "/metrics");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
            assertThat(request(endpoint, "DELETE", "/metrics").statusCode()).isEqualTo(405);
            assertThat(request(endpoint, "HEAD", "/metrics").statusCode()).isEqualTo(405);
            assertThat(request(endpoint, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(request(endpoint, "GET", "/metrics/").statusCode()).isEqualTo(404);
            assertThat(request(endpoint, "GET", "/metricsx").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void closeFreesThePort() throws Exception {
        MetricsHttpEndpoint endpoint = start(new EndpointMetrics("cvpn-endpoint-0123456789abcdef0"));
        int port = endpoint.address().getPort();
        endpoint.close();

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("the endpoint still answers after close");
        } catch (ConnectException expected) {
            // nothing listens any more
        }
    }
}

package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.metrics.EndpointMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the endpoint tells its administrator: the client connect handler deciding by platform, the
 * connection log entries, and the metrics endpoint, with {@code corridor check} as the client.
 */
@Timeout(120)
class ServerReportingEndToEndTest {
    @TempDir
    Path temp;

    private static List<JsonNode> logEntries(Path file) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                entries.add(new ObjectMapper().readTree(line));
            }
        }
        return entries;
    }

    private static void editConfig(Path config, String field, String json) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(config.toFile());
        root.set(field, mapper.readTree(json));
        Files.writeString(config, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    @Test
    void theConnectHandlerDeniesAPlatformAndItsMessageReachesTheClient() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        Path folder = endpoint.configFile().getParent();
        Path handler = folder.resolve("deny-linux.sh");
        Files.writeString(handler, "#!/bin/sh\n"
                + "request=$(cat)\n"
                + "echo \"$request\" > request.json\n"
                + "case \"$request\" in\n"
                + "  *'\"platform\":\"linux\"'*) echo '{\"allow\":false,\"error-msg-on-denied-connection\":"
                + "\"Linux devices are not allowed here\",\"posture-compliance-statuses\":[\"os-check-failed\"],"
                + "\"schema-version\":\"v2\"}' ;;\n"
                + "  *) echo '{\"allow\":true,\"error-msg-on-denied-connection\":\"\","
                + "\"posture-compliance-statuses\":[],\"schema-version\":\"v2\"}' ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(handler, PosixFilePermissions.fromString("rwx------"));
        editConfig(endpoint.configFile(), "clientConnectHandler",
                "{\"enabled\":true,\"command\":\"deny-linux.sh\",\"timeoutSeconds\":10}");
        try (EndpointServer server = endpoint.start()) {
            TestEndpoint.Result result = TestEndpoint.check(endpoint.profile("bob",
                    server.localAddress().getPort()));

            assertThat(result.exit()).isNotZero();
            assertThat(result.out() + result.err()).contains("Linux devices are not allowed here");
            assertThat(server.metrics().value(EndpointMetric.CLIENT_CONNECT_HANDLER_DENIED_CONNECTIONS))
                    .hasValue(1);
            assertThat(server.activeConnections()).isZero();
            assertThat(endpoint.serverLog).anyMatch(l -> l.contains("by the client connect handler: "
                    + "client-connect-failed"));
        }
        JsonNode request = new ObjectMapper().readTree(Files.readString(folder.resolve("request.json")));
        assertThat(request.get("common-name").asText()).isEqualTo("bob");
        assertThat(request.get("platform").asText()).isEqualTo("linux");
        assertThat(request.get("client-openvpn-version").asText()).startsWith("2.6");
        assertThat(request.get("schema-version").asText()).isEqualTo("v2");
        List<JsonNode> entries = logEntries(folder.resolve("connections.log"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("connection-attempt-status").asText()).isEqualTo("failed");
        assertThat(entries.get(0).get("connection-attempt-failure-reason").asText())
                .isEqualTo("client-connect-failed");
    }

    @Test
    void aConnectionIsLoggedAndCountedAndTheMetricsEndpointServesIt() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        Path folder = endpoint.configFile().getParent();
        editConfig(endpoint.configFile(), "metrics", "{\"enabled\":true,\"listenAddress\":\"127.0.0.1\",\"port\":0}");
        try (EndpointServer server = endpoint.start()) {
            TestEndpoint.Result result = TestEndpoint.check(endpoint.profile("bob",
                    server.localAddress().getPort()));
            assertThat(result.exit()).as(result.out() + result.err()).isZero();
            assertThat(TestEndpoint.waitFor(10, () -> server.activeConnections() == 0)).isTrue();

            URI uri = URI.create("http://127.0.0.1:" + server.metricsAddress().orElseThrow().getPort() + "/metrics");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            // The check's three echo requests, and a keepalive when the client's first timer check comes
            // before the first of them leaves (a race, so not counted on).
            assertThat(response.body()).contains("ActiveConnectionsCount{endpoint=\"cvpn-endpoint-")
                    .containsPattern("IngressPackets\\{endpoint=\"cvpn-endpoint-[0-9a-f]+\"} [3-9]")
                    .contains("CrlDaysToExpiry");
            assertThat(server.metrics().value(EndpointMetric.EGRESS_PACKETS).orElseThrow()).isGreaterThanOrEqualTo(3);
        }
        List<JsonNode> entries = logEntries(folder.resolve("connections.log"));
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        JsonNode first = entries.get(0);
        assertThat(first.get("connection-log-type").asText()).isEqualTo("connection-attempt");
        assertThat(first.get("connection-attempt-status").asText()).isEqualTo("successful");
        assertThat(first.get("common-name").asText()).isEqualTo("bob");
        assertThat(first.get("client-ip").asText()).startsWith("10.200.0.");
        assertThat(first.get("device-ip").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("device-type").asText()).isEqualTo("linux");
        JsonNode last = entries.get(entries.size() - 1);
        assertThat(last.get("connection-log-type").asText()).isEqualTo("connection-reset");
        assertThat(last.get("connection-end-time").asText()).isNotEqualTo("NA");
        assertThat(Long.parseLong(last.get("ingress-packets").asText())).isGreaterThanOrEqualTo(3);
        assertThat(Files.getPosixFilePermissions(folder.resolve("connections.log")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}

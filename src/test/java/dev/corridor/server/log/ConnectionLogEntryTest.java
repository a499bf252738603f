package dev.corridor.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Connection log entries have exactly the keys, value formats and "NA"s of the administrator guide. */
class ConnectionLogEntryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The keys the guide lists for a connection log entry, in its order (Cedar policy fields left out). */
    static final List<String> GUIDE_KEYS = List.of("connection-log-type", "connection-attempt-status",
            "connection-reset-status", "connection-attempt-failure-reason", "connection-id", "client-vpn-endpoint-id",
            "transport-protocol", "connection-start-time", "connection-last-update-time", "client-ip", "common-name",
            "device-type", "device-ip", "port", "ingress-bytes", "egress-bytes", "ingress-packets", "egress-packets",
            "connection-end-time", "posture-compliance-statuses", "username", "connection-duration-seconds");
    /** Keys that appear only when they apply. */
    static final List<String> OPTIONAL_KEYS = List.of("posture-compliance-statuses", "username");
    /** A key the guide's current examples carry but its list does not. */
    static final String CLIENT_IP_V6 = "client-ip-v6";

    static final Instant START = Instant.parse("2020-03-26T20:37:15Z");

    /** The connection of the guide's example entry. */
    static LoggedConnection guideExample() {
        return new LoggedConnection("cvpn-connection-abc123abc123abc12", "cvpn-endpoint-aaa111bbb222ccc33",
                TransportProtocol.UDP, Optional.of(START), Ipv4Address.parse("10.0.1.2"), "client1", "mac",
                new InetSocketAddress("98.247.202.82", 50096), Optional.of("joe"), Optional.empty());
    }

    static JsonNode json(ConnectionLogEntry entry) {
        return MAPPER.valueToTree(entry);
    }

    static List<String> keys(JsonNode json) {
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The guide's keys (with client-ip-v6 after client-ip), minus the optional keys not in {@code present}. */
    static List<String> expectedKeys(List<String> presentOptional) {
        List<String> expected = new ArrayList<>();
        for (String key : GUIDE_KEYS) {
            if (!OPTIONAL_KEYS.contains(key) || presentOptional.contains(key)) {
                expected.add(key);
            }
            if (key.equals("client-ip")) {
                expected.add(CLIENT_IP_V6);
            }
        }
        return expected;
    }

    @Test
    void aSuccessfulAttemptReproducesTheGuidesExampleEntry() throws Exception {
        JsonNode entry = json(ConnectionLogEntry.successfulAttempt(guideExample(), START));

        JsonNode guide = MAPPER.readTree("""
                {"connection-log-type": "connection-attempt", "connection-attempt-status": "successful",
                 "connection-reset-status": "NA", "connection-attempt-failure-reason": "NA",
                 "connection-id": "cvpn-connection-abc123abc123abc12",
                 "client-vpn-endpoint-id": "cvpn-endpoint-aaa111bbb222ccc33", "transport-protocol": "udp",
                 "connection-start-time": "2020-03-26 20:37:15", "connection-last-update-time": "2020-03-26 20:37:15",
                 "client-ip": "10.0.1.2", "client-ip-v6": "NA", "common-name": "client1", "device-type": "mac",
                 "device-ip": "98.247.202.82", "port": "50096", "ingress-bytes": "0", "egress-bytes": "0",
                 "ingress-packets": "0", "egress-packets": "0", "connection-end-time": "NA", "username": "joe",
                 "connection-duration-seconds": "0"}""");
        assertThat(entry).isEqualTo(guide);
        assertThat(keys(entry)).containsExactlyElementsOf(expectedKeys(List.of("username")));
    }

    @Test
    void aFailedAttemptHasNoStartAddressEndOrDurationButItsReason() {
        LoggedConnection connection = new LoggedConnection("cvpn-connection-00000000000000007",
                "cvpn-endpoint-0123456789abcdef0", TransportProtocol.TCP, Optional.empty(), Optional.empty(), "bob",
                "linux", new InetSocketAddress("192.0.2.9", 40000), Optional.of("bob"), Optional.of(List.of()));

        JsonNode entry = json(ConnectionLogEntry.failedAttempt(connection, "client-connect-handler-timed-out",
                START.plusSeconds(30)));

        assertThat(keys(entry)).containsExactlyElementsOf(expectedKeys(OPTIONAL_KEYS));
        assertThat(entry.get("connection-attempt-status").textValue()).isEqualTo("failed");
        assertThat(entry.get("connection-attempt-failure-reason").textValue())
                .isEqualTo("client-connect-handler-timed-out");
        assertThat(entry.get("connection-start-time").textValue()).isEqualTo("NA");
        assertThat(entry.get("connection-last-update-time").textValue()).isEqualTo("2020-03-26 20:37:45");
        assertThat(entry.get("client-ip").textValue()).isEqualTo("NA");
        assertThat(entry.get("connection-end-time").textValue()).isEqualTo("NA");
        assertThat(entry.get("connection-duration-seconds").textValue()).isEqualTo("NA");
        assertThat(entry.get("transport-protocol").textValue()).isEqualTo("tcp");
        assertThat(entry.get("posture-compliance-statuses").isArray()).isTrue();
    }

    @Test
    void anUpdateAndTheEndAreConnectionResetsWithCountersAsStrings() {
        LoggedConnection connection = new LoggedConnection("cvpn-connection-00000000000000008",
                "cvpn-endpoint-0123456789abcdef0", TransportProtocol.UDP, Optional.of(START),
                Ipv4Address.parse("10.200.0.2"), "carol", "win", new InetSocketAddress("203.0.113.4", 1194),
                Optional.empty(), Optional.of(List.of("compliant")));
        TrafficCounters counters = new TrafficCounters(21017, 16438, 330, 325);

        JsonNode update = json(ConnectionLogEntry.update(connection, counters, START.plusSeconds(60)));
        JsonNode end = json(ConnectionLogEntry.ended(connection, counters, START.plusSeconds(318)));

        for (JsonNode entry : List.of(update, end)) {
            assertThat(keys(entry)).containsExactlyElementsOf(expectedKeys(List.of("posture-compliance-statuses")));
            assertThat(entry.get("connection-log-type").textValue()).isEqualTo("connection-reset");
            assertThat(entry.get("connection-attempt-status").textValue()).isEqualTo("NA");
            assertThat(entry.get("ingress-bytes").textValue()).isEqualTo("21017");
            assertThat(entry.get("egress-bytes").textValue()).isEqualTo("16438");
            assertThat(entry.get("ingress-packets").textValue()).isEqualTo("330");
            assertThat(entry.get("egress-packets").textValue()).isEqualTo("325");
            assertThat(entry.get("posture-compliance-statuses").get(0).textValue()).isEqualTo("compliant");
        }
        assertThat(update.get("connection-end-time").textValue()).isEqualTo("NA");
        assertThat(update.get("connection-duration-seconds").textValue()).isEqualTo("60");
        assertThat(end.get("connection-end-time").textValue()).isEqualTo("2020-03-26 20:42:33");
        assertThat(end.get("connection-last-update-time").textValue()).isEqualTo("2020-03-26 20:42:33");
        assertThat(end.get("connection-duration-seconds").textValue()).isEqualTo("318");
    }

    @Test
    void everyValueIsAStringExceptThePostureStatuses() {
        LoggedConnection connection = guideExample();
        for (ConnectionLogEntry entry : List.of(ConnectionLogEntry.successfulAttempt(connection, START),
                ConnectionLogEntry.update(connection, new TrafficCounters(1, 2, 3, 4), START.plusSeconds(5)),
                ConnectionLogEntry.ended(connection, TrafficCounters.ZERO, START.plusSeconds(9)),
                ConnectionLogEntry.failedAttempt(connection, "client-connect-failed", START))) {
            json(entry).fields().forEachRemaining(field -> assertThat(field.getValue().isTextual())
                    .as(field.getKey()).isTrue());
        }
    }

    @Test
    void anUnknownDeviceTypeOrCommonNameIsNa() {
        LoggedConnection connection = new LoggedConnection("c", "e", TransportProtocol.UDP, Optional.of(START),
                Ipv4Address.parse("10.200.0.3"), "", "", new InetSocketAddress("192.0.2.1", 5000), Optional.empty(),
                Optional.empty());

        JsonNode entry = json(ConnectionLogEntry.successfulAttempt(connection, START));

        assertThat(entry.get("common-name").textValue()).isEqualTo("NA");
        assertThat(entry.get("device-type").textValue()).isEqualTo("NA");
        assertThat(keys(entry)).doesNotContain("username", "posture-compliance-statuses");
    }
}

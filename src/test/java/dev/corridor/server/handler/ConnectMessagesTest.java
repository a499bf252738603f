package dev.corridor.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request and response JSON of the client connect handler, checked against the guide's schema. */
class ConnectMessagesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ConnectRequest sampleRequest() {
        return new ConnectRequest("cvpn-connection-00000000000000001", "cvpn-endpoint-0123456789abcdef0", "alice",
                "alice", "linux", "6.1.0", "198.51.100.7", "2.6.3", List.of("engineering", "vpn"));
    }

    @Test
    void theRequestHasExactlyTheGuidesFieldsInItsOrder() throws Exception {
        JsonNode json = MAPPER.readTree(sampleRequest().toJson());

        assertThat(json.fieldNames()).toIterable().containsExactly("connection-id", "endpoint-id", "common-name",
                "username", "platform", "platform-version", "public-ip", "client-openvpn-version", "groups",
                "schema-version");
        assertThat(json.get("schema-version").textValue()).isEqualTo("v2");
        assertThat(json.get("groups").isArray()).isTrue();
        assertThat(json.get("groups").get(1).textValue()).isEqualTo("vpn");
        assertThat(json.get("public-ip").textValue()).isEqualTo("198.51.100.7");
    }

    @Test
    void mutualAuthenticationSendsAnEmptyUsernameAndNoGroups() throws Exception {
        ConnectRequest request = new ConnectRequest("c", "e", "device-17", "", "win", "10.0", "192.0.2.1", "2.5.8",
                List.of());
        JsonNode json = MAPPER.readTree(request.toJson());

        assertThat(json.get("username").textValue()).isEmpty();
        assertThat(json.get("groups")).isEmpty();
    }

    private static ConnectOutcome read(String json) {
        return ConnectResponseReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnAllowWithPostureStatuses() {
        ConnectOutcome outcome = read("""
                {"allow": true, "error-msg-on-denied-connection": "", "posture-compliance-statuses": ["compliant"],
                 "schema-version": "v2"}""");

        assertThat(outcome).isEqualTo(new ConnectOutcome.Allowed(List.of("compliant")));
        assertThat(outcome.failureReason()).isEmpty();
    }

    @Test
    void readsADenialWithItsMessageForTheClient() {
        ConnectOutcome outcome = read("""
                {"allow": false, "error-msg-on-denied-connection": "Update your OS first",
                 "posture-compliance-statuses": ["quarantined"], "schema-version": "v2", "extra": 1}""");

        assertThat(outcome).isEqualTo(new ConnectOutcome.Denied("Update your OS first", List.of("quarantined")));
        assertThat(outcome.failureReason()).contains(ConnectFailureReason.DENIED);
        assertThat(outcome.failureReason().orElseThrow().logValue()).isEqualTo("client-connect-failed");
        assertThat(outcome.clientMessage()).isEqualTo("Update your OS first");
    }

    @Test
    void aDenialWithoutAMessageGivesTheGuidesDefaultMessage() {
        ConnectOutcome outcome = read("""
                {"allow": false, "error-msg-on-denied-connection": "", "posture-compliance-statuses": [],
                 "schema-version": "v2"}""");

        assertThat(outcome.clientMessage()).isEqualTo("Error establishing connection. Please contact your"
                + " administrator.");
    }

    @Test
    void acceptsAMessageOf255CharactersAndTenStatuses() {
        String message = "é".repeat(255);
        String statuses = "\"s\",".repeat(9) + "\"" + "x".repeat(255) + "\"";
        ConnectOutcome outcome = read("{\"allow\": false, \"error-msg-on-denied-connection\": \"" + message
                + "\", \"posture-compliance-statuses\": [" + statuses + "], \"schema-version\": \"v2\"}");

        assertThat(outcome).isInstanceOf(ConnectOutcome.Denied.class);
        assertThat(outcome.postureComplianceStatuses()).hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[true]",
        "{\"allow\": true, \"error-msg-on-denied-connection\": \"\", \"posture-compliance-statuses\": []} {}",
        "{\"allow\": \"yes\", \"error-msg-on-denied-connection\": \"\", \"posture-compliance-statuses\": [],"
                + " \"schema-version\": \"v2\"}",
        "{\"error-msg-on-denied-connection\": \"\", \"posture-compliance-statuses\": [], \"schema-version\": \"v2\"}",
        "{\"allow\": true, \"posture-compliance-statuses\": [], \"schema-version\": \"v2\"}",
        "{\"allow\": true, \"error-msg-on-denied-connection\": \"\", \"schema-version\": \"v2\"}",
        "{\"allow\": true, \"error-msg-on-denied-connection\": \"\", \"posture-compliance-statuses\": []}",
        "{\"allow\": true, \"error-msg-on-denied-connection\": \"\", \"posture-compliance-statuses\": [1],"
                + " \"schema-version\": \"v2\"}",
        "{\"allow\": true, \"allow\": false, \"error-msg-on-denied-connection\": \"\","
                + " \"posture-compliance-statuses\": [], \"schema-version\": \"v2\"}",
        ""})
    void anythingElseIsAnInvalidResponse(String json) {
        ConnectOutcome outcome = read(json);

        assertThat(outcome).isInstanceOf(ConnectOutcome.Failed.class);
        assertThat(outcome.failureReason()).contains(ConnectFailureReason.INVALID_RESPONSE);
        assertThat(outcome.failureReason().orElseThrow().logValue()).isEqualTo(
                "client-connect-handler-invalid-response");
        assertThat(outcome.clientMessage()).isEqualTo(ConnectOutcome.DEFAULT_CLIENT_MESSAGE);
    }

    @Test
    void refusesAMessageOf256CharactersAndElevenStatuses() {
        assertThat(read("{\"allow\": false, \"error-msg-on-denied-connection\": \"" + "m".repeat(256)
                + "\", \"posture-compliance-statuses\": [], \"schema-version\": \"v2\"}"))
                .isEqualTo(new ConnectOutcome.Failed(ConnectFailureReason.INVALID_RESPONSE,
                        "\"error-msg-on-denied-connection\" is longer than 255 characters"));
        assertThat(read("{\"allow\": true, \"error-msg-on-denied-connection\": \"\", \"posture-compliance-statuses\": ["
                + "\"s\",".repeat(10) + "\"s\"], \"schema-version\": \"v2\"}").failureReason())
                .contains(ConnectFailureReason.INVALID_RESPONSE);
        assertThat(read("{\"allow\": true, \"error-msg-on-denied-connection\": \"\", \"posture-compliance-statuses\": [\""
                + "s".repeat(256) + "\"], \"schema-version\": \"v2\"}").failureReason())
                .contains(ConnectFailureReason.INVALID_RESPONSE);
    }

    @Test
    void theFailureReasonsAreTheGuidesStrings() {
        assertThat(List.of(ConnectFailureReason.values())).extracting(ConnectFailureReason::logValue).containsExactly(
                "client-connect-failed", "client-connect-handler-timed-out",
                "client-connect-handler-other-execution-error", "client-connect-handler-throttled",
                "client-connect-handler-invalid-response", "client-connect-handler-service-error");
    }

    @Test
    void aDenialIsNotAFailureAndMessagesAreLimited() {
        assertThatThrownBy(() -> new ConnectOutcome.Failed(ConnectFailureReason.DENIED, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectOutcome.Denied("m".repeat(256), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

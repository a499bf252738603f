package dev.corridor.server.handler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a handler's answer against the guide's response schema and turns it into an outcome.
 *
 * <pre>
 *   {"allow": true|false,                          required boolean
 *    "error-msg-on-denied-connection": "…",        required string, at most 255 characters
 *    "posture-compliance-statuses": ["…", …],      required array of at most 10 strings of at most 255
 *    "schema-version": "v2"}                       required string
 * </pre>
 *
 * Anything else (not JSON, a missing or mistyped field, a limit exceeded) is
 * {@code client-connect-handler-invalid-response}; other fields are ignored.
 */
public final class ConnectResponseReader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConnectResponseReader() {}

    /** The outcome {@code body} describes, or an invalid-response failure saying what is wrong. */
    public static ConnectOutcome read(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return invalid("the response is not JSON");
        }
        if (root == null || !root.isObject()) {
            return invalid("the response is not a JSON object");
        }
        JsonNode allow = root.get("allow");
        if (allow == null || !allow.isBoolean()) {
            return invalid("\"allow\" must be true or false");
        }
        JsonNode message = root.get("error-msg-on-denied-connection");
        if (message == null || !message.isTextual()) {
            return invalid("\"error-msg-on-denied-connection\" must be a string");
        }
        if (tooLong(message.textValue())) {
            return invalid("\"error-msg-on-denied-connection\" is longer than 255 characters");
        }
        JsonNode statuses = root.get("posture-compliance-statuses");
        if (statuses == null || !statuses.isArray()) {
            return invalid("\"posture-compliance-statuses\" must be an array");
        }
        if (statuses.size() > ConnectOutcome.MAX_POSTURE_STATUSES) {
            return invalid("\"posture-compliance-statuses\" has more than 10 statuses");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode status : statuses) {
            if (!status.isTextual() || tooLong(status.textValue())) {
                return invalid("each posture compliance status must be a string of at most 255 characters");
            }
            names.add(status.textValue());
        }
        JsonNode version = root.get("schema-version");
        if (version == null || !version.isTextual()) {
            return invalid("\"schema-version\" must be a string");
        }
        return allow.booleanValue() ? new ConnectOutcome.Allowed(names)
                : new ConnectOutcome.Denied(message.textValue(), names);
    }

    private static boolean tooLong(String text) {
        return text.codePointCount(0, text.length()) > ConnectOutcome.MAX_TEXT_CHARACTERS;
    }

    private static ConnectOutcome.Failed invalid(String detail) {
        return new ConnectOutcome.Failed(ConnectFailureReason.INVALID_RESPONSE, detail);
    }
}

package dev.corridor.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one JSON object and records every problem (wrong type, missing required
 * field, unknown field) with its JSON path instead of stopping at the first one.
 *
 * <pre>
 *   reader = JsonObjectReader.of(root, "$", problems)       // "$" is the document itself
 *   reader.requiredString("clientCidr")   -> problem "$.clientCidr: is required" when absent
 *   reader.integer("port")                -> problem "$.port: expected a whole number, found a string"
 *   reader.rejectUnknownFields()          -> problem "$.extra: unknown field" for every field never asked for
 * </pre>
 *
 * A getter returns empty both when the field is absent and when it has the wrong type; in the
 * second case the problem is already recorded.
 */
public final class JsonObjectReader {
    private final JsonNode node;
    private final String path;
    private final List<ConfigProblem> problems;
    private final Set<String> asked = new LinkedHashSet<>();

    private JsonObjectReader(JsonNode node, String path, List<ConfigProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A reader for {@code node} at {@code path}, or empty (with a problem) when it is not an object. */
    public static Optional<JsonObjectReader> of(JsonNode node, String path, List<ConfigProblem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new ConfigProblem(path, "expected an object, found " + describe(node)));
            return Optional.empty();
        }
        return Optional.of(new JsonObjectReader(node, path, problems));
    }

    /** The JSON path of {@code field} in this object. */
    public String pathOf(String field) {
        return path + "." + field;
    }

    /** Records a problem with {@code field}. */
    public void problem(String field, String message) {
        problems.add(new ConfigProblem(pathOf(field), message));
    }

    /** True when {@code field} is present (and not null). */
    public boolean has(String field) {
        asked.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A string field. */
    public Optional<String> string(String field) {
        return value(field, JsonNode::isTextual, "a string").map(JsonNode::textValue);
    }

    /** A string field that must be present. */
    public Optional<String> requiredString(String field) {
        return required(field, string(field));
    }

    /** A boolean field. */
    public Optional<Boolean> bool(String field) {
        return value(field, JsonNode::isBoolean, "true or false").map(JsonNode::booleanValue);
    }

    /** A boolean field that must be present. */
    public Optional<Boolean> requiredBool(String field) {
        return required(field, bool(field));
    }

    /** A whole-number field that fits an int. */
    public Optional<Integer> integer(String field) {
        return value(field, n -> n.isIntegralNumber() && n.canConvertToInt(), "a whole number")
                .map(JsonNode::intValue);
    }

    /** A whole-number field that must be present. */
    public Optional<Integer> requiredInteger(String field) {
        return required(field, integer(field));
    }

    /** An array field. */
    public Optional<List<JsonNode>> array(String field) {
        return value(field, JsonNode::isArray, "an array").map(n -> {
            List<JsonNode> elements = new ArrayList<>();
            n.elements().forEachRemaining(elements::add);
            return elements;
        });
    }

    /** A nested object field. */
    public Optional<JsonObjectReader> object(String field) {
        return value(field, JsonNode::isObject, "an object")
                .map(n -> new JsonObjectReader(n, pathOf(field), problems));
    }

    /** A nested object field that must be present. */
    public Optional<JsonObjectReader> requiredObject(String field) {
        return required(field, object(field));
    }

    /** Records an "unknown field" problem for every field that no getter asked for. */
    public void rejectUnknownFields() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!asked.contains(name)) {
                problems.add(new ConfigProblem(pathOf(name), "unknown field" + suggestion()));
            }
        }
    }

    private String suggestion() {
        return asked.isEmpty() ? "" : " (known fields here: " + String.join(", ", asked) + ")";
    }

    private Optional<JsonNode> value(String field, java.util.function.Predicate<JsonNode> accepted, String expected) {
        asked.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!accepted.test(value)) {
            problem(field, "expected " + expected + ", found " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private <T> Optional<T> required(String field, Optional<T> value) {
        if (value.isEmpty() && !hasValue(field)) {
            problem(field, "is required");
        }
        return value;
    }

    private boolean hasValue(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A short description of a JSON value for messages: its type, and the value when it is short. */
    public static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "a string (" + quote(value.textValue()) + ")";
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        return value.isArray() ? "an array" : "an object";
    }

    /** {@code text} in double quotes, cut to 60 characters so messages stay one line. */
    public static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

package dev.corridor.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The {@link UndoJournal}'s JSON: renders its lines and reads both versions (layouts drawn on
 * {@link UndoJournal}); every problem becomes a {@link JournalDamagedException} naming where it is.
 */
final class JournalJson {
    /** Version 2: one line per change, structured kinds remove-address, remove-route, restore-link. */
    static final int VERSION = 2;

    /**
     * Jackson, built on first use: every {@code corridor} command checks for a journal on start, and
     * when there is none (the common case) that check must not pay for Jackson's start-up.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {}
    }

    private final Path file;

    private JournalJson(Path file) {
        this.file = file;
    }

    /** The first line of a version-2 journal. */
    static byte[] header(String os, long pid, Optional<String> boot) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", UndoJournal.FORMAT);
        root.put("version", VERSION);
        root.put("os", os);
        root.put("pid", pid);
        boot.ifPresent(id -> root.put("boot", id));
        return line(root);
    }

    /** The line of one journaled change. */
    static byte[] entry(JournalEntry entry) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("step", entry.step());
        node.put("change", entry.change());
        ArrayNode undo = node.putArray("undo");
        for (Undo step : entry.undo()) {
            undo.add(render(step));
        }
        return line(node);
    }

    /** The line saying that the change of {@code step} failed and has nothing to undo. */
    static byte[] dropped(int step) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("dropped", step);
        return line(node);
    }

    /** A whole version-2 journal holding {@code contents}, as the writer leaves it. */
    static byte[] render(UndoJournal.Contents contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(contents.os(), contents.pid(), contents.boot()));
        contents.entries().forEach(e -> out.writeBytes(entry(e)));
        return out.toByteArray();
    }

    /** Compact JSON (Jackson escapes line breaks inside strings) and a line feed. */
    private static byte[] line(ObjectNode node) {
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(node);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the journal", e);
        }
    }

    private static ObjectNode render(Undo undo) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (undo instanceof Undo.RunCommand command) {
            node.put("kind", "command");
            ArrayNode argv = node.putArray("command");
            command.command().forEach(argv::add);
            node.put("input", command.input().orElse(null));
        } else if (undo instanceof Undo.RestoreFile restore) {
            node.put("kind", "file");
            node.put("path", restore.path());
            node.put("content", restore.content().map(b -> Base64.getEncoder().encodeToString(b)).orElse(null));
            node.put("mode", restore.posixMode().orElse(null));
            node.put("symlink", restore.symlinkTarget().orElse(null));
            node.put("written_sha256", restore.writtenSha256().orElse(null));
        } else if (undo instanceof Undo.RemoveAddress address) {
            node.put("kind", "remove-address");
            node.put("link", address.link());
            node.put("address", address.address().toString());
            node.put("peer", address.peer().map(Addresses::format).orElse(null));
        } else if (undo instanceof Undo.RemoveRoute route) {
            node.put("kind", "remove-route");
            node.put("destination", route.destination().toString());
            node.put("gateway", route.gateway().map(Addresses::format).orElse(null));
            node.put("link", route.link());
        } else if (undo instanceof Undo.RestoreLink link) {
            node.put("kind", "restore-link");
            node.put("link", link.link());
            node.put("mtu", link.mtu());
            node.put("up", link.up());
        } else if (undo instanceof Undo.Nothing nothing) {
            node.put("kind", "nothing");
            node.put("reason", nothing.reason());
        } else {
            throw new IllegalStateException("unknown undo step " + undo);
        }
        return node;
    }

    /** Reads a journal of either version. */
    static UndoJournal.Contents parse(Path file, byte[] bytes) throws JournalDamagedException {
        return new JournalJson(file).parse(bytes);
    }

    private UndoJournal.Contents parse(byte[] bytes) throws JournalDamagedException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int firstBreak = text.indexOf('\n');
        JsonNode first = firstBreak < 0 ? null : tryRead(text.substring(0, firstBreak));
        if (first != null && first.isObject() && !first.has("entries")
                && first.path("version").asInt(-1) == VERSION) {
            return parseLines(first, text.substring(firstBreak + 1));
        }
        return parseDocument(bytes);
    }

    /** Version 2: the header line, then one line per change or dropped change. */
    private UndoJournal.Contents parseLines(JsonNode header, String rest) throws JournalDamagedException {
        checkFormat(header);
        String os = text(header, "os", "line 1");
        long pid = header.path("pid").asLong(-1);
        Optional<String> boot = optionalText(header, "boot");
        List<JournalEntry> entries = new ArrayList<>();
        String[] lines = rest.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = "line " + (i + 2);
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node = tryRead(lines[i]);
            if (node == null || !node.isObject()) {
                if (i == lines.length - 1) {
                    break; // cut short while written: its change was never applied
                }
                throw new JournalDamagedException(file, where + " is not a JSON object");
            }
            if (node.has("dropped")) {
                int step = node.get("dropped").asInt();
                if (entries.isEmpty() || entries.get(entries.size() - 1).step() != step) {
                    throw new JournalDamagedException(file, where + " drops step " + step
                            + ", which is not the last one journaled");
                }
                entries.remove(entries.size() - 1);
                continue;
            }
            entries.add(parseEntry(node, where));
        }
        return new UndoJournal.Contents(os, pid, boot, entries);
    }

    /** Version 1: one JSON document. */
    private UndoJournal.Contents parseDocument(byte[] bytes) throws JournalDamagedException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new JournalDamagedException(file, "it is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new JournalDamagedException(file, "it is empty or not a JSON object");
        }
        checkFormat(root);
        if (root.path("version").asInt(-1) != 1) {
            throw new JournalDamagedException(file, "unsupported version " + root.path("version")
                    + " (this Corridor reads versions 1 and " + VERSION + ")");
        }
        String os = text(root, "os", "$");
        long pid = root.path("pid").asLong(-1);
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new JournalDamagedException(file, "$.entries is missing or not a list");
        }
        List<JournalEntry> parsed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            parsed.add(parseEntry(entries.get(i), "$.entries[" + i + "]"));
        }
        return new UndoJournal.Contents(os, pid, parsed);
    }

    private void checkFormat(JsonNode root) throws JournalDamagedException {
        if (!UndoJournal.FORMAT.equals(root.path("format").asText())) {
            throw new JournalDamagedException(file, "\"format\" is not \"" + UndoJournal.FORMAT + "\"");
        }
    }

    private JournalEntry parseEntry(JsonNode entry, String where) throws JournalDamagedException {
        if (!entry.path("step").canConvertToInt()) {
            throw new JournalDamagedException(file, where + ".step is missing or not a number");
        }
        JsonNode undo = entry.get("undo");
        if (undo == null || !undo.isArray()) {
            throw new JournalDamagedException(file, where + ".undo is missing or not a list");
        }
        List<Undo> steps = new ArrayList<>();
        for (int j = 0; j < undo.size(); j++) {
            steps.add(parseUndo(undo.get(j), where + ".undo[" + j + "]"));
        }
        return new JournalEntry(entry.get("step").asInt(), text(entry, "change", where), steps);
    }

    /** The JSON value of {@code line}, or null when it is not valid JSON. */
    private static JsonNode tryRead(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    private Undo parseUndo(JsonNode node, String where) throws JournalDamagedException {
        String kind = text(node, "kind", where);
        switch (kind) {
            case "command": {
                JsonNode argv = node.get("command");
                if (argv == null || !argv.isArray() || argv.isEmpty()) {
                    throw new JournalDamagedException(file, where + ".command is missing or empty");
                }
                List<String> command = new ArrayList<>();
                for (JsonNode word : argv) {
                    if (!word.isTextual()) {
                        throw new JournalDamagedException(file, where + ".command holds a non-text word");
                    }
                    command.add(word.asText());
                }
                return new Undo.RunCommand(command, optionalText(node, "input"));
            }
            case "file": {
                Optional<byte[]> content;
                try {
                    content = optionalText(node, "content").map(b -> Base64.getDecoder().decode(b));
                } catch (IllegalArgumentException e) {
                    throw new JournalDamagedException(file, where + ".content is not base64");
                }
                return new Undo.RestoreFile(text(node, "path", where), content, optionalText(node, "mode"),
                        optionalText(node, "symlink"), optionalText(node, "written_sha256"));
            }
            case "remove-address":
                return parsed(where, () -> new Undo.RemoveAddress(text(node, "link", where),
                        InterfaceAddress.parse(text(node, "address", where)),
                        optionalText(node, "peer").map(Addresses::parse)));
            case "remove-route":
                return parsed(where, () -> new Undo.RemoveRoute(IpPrefix.parse(text(node, "destination", where)),
                        optionalText(node, "gateway").map(Addresses::parse), text(node, "link", where)));
            case "restore-link": {
                if (!node.path("mtu").canConvertToInt() || !node.path("up").isBoolean()) {
                    throw new JournalDamagedException(file, where + ".mtu or .up is missing or of the wrong type");
                }
                return parsed(where, () -> new Undo.RestoreLink(text(node, "link", where), node.get("mtu").asInt(),
                        node.get("up").asBoolean()));
            }
            case "nothing":
                return new Undo.Nothing(text(node, "reason", where));
            default:
                throw new JournalDamagedException(file, where + ".kind \"" + kind + "\" is unknown");
        }
    }

    /** Builds a step whose text fields must parse as addresses, prefixes or an MTU. */
    private Undo parsed(String where, StepParser parser) throws JournalDamagedException {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new JournalDamagedException(file, where + ": " + e.getMessage());
        }
    }

    /** One structured undo step read from its JSON fields. */
    @FunctionalInterface
    private interface StepParser {
        Undo parse() throws JournalDamagedException;
    }

    private String text(JsonNode node, String field, String where) throws JournalDamagedException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new JournalDamagedException(file, where + "." + field + " is missing or not text");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

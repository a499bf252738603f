package dev.corridor.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.JsonPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes {@code endpoint.json}. Reading refuses a malformed file with every problem and
 * its JSON path; writing replaces the file atomically, readable by its owner only.
 *
 * <pre>
 *   bytes ──Jackson (strict: duplicate keys, trailing tokens)──> tree ──EndpointConfigReader──> config
 *     syntax error  -> "$: invalid JSON at line 3, column 7: ..."
 *     mapping error -> its JSON path via platform.JsonPaths
 * </pre>
 */
public final class EndpointConfigFile {
    /** The conventional file name inside a server folder. */
    public static final String FILE_NAME = "endpoint.json";
    /** Larger files are refused before parsing. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final ObjectMapper MAPPER = strictMapper();

    private final AtomicFileWriter writer;

    public EndpointConfigFile(AtomicFileWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** A Jackson mapper that refuses duplicate keys and anything after the document. */
    public static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(SerializationFeature.INDENT_OUTPUT);
        return mapper;
    }

    /** Reads and checks {@code file}. */
    public static EndpointConfig read(Path file) throws IOException, InvalidConfigException {
        if (Files.size(file) > MAX_BYTES) {
            throw new InvalidConfigException(file.toString(),
                    List.of(new ConfigProblem("$", "the file is larger than " + MAX_BYTES + " bytes")));
        }
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Checks the bytes of an {@code endpoint.json}; {@code name} is used in the exception message. */
    public static EndpointConfig parse(String name, byte[] json) throws InvalidConfigException {
        JsonNode root = parseTree(name, json);
        EndpointConfigReader.Read read = EndpointConfigReader.read(root);
        if (read instanceof EndpointConfigReader.Read.Refused refused) {
            throw new InvalidConfigException(name, refused.problems());
        }
        return ((EndpointConfigReader.Read.Ok) read).config();
    }

    /**
     * Parses JSON into a tree with the strict mapper, turning Jackson's errors into a
     * {@link ConfigProblem} (syntax errors carry line and column, mapping errors their JSON path).
     */
    public static JsonNode parseTree(String name, byte[] json) throws InvalidConfigException {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new InvalidConfigException(name, List.of(new ConfigProblem("$", "the file is empty")));
            }
            return root;
        } catch (JsonMappingException e) {
            throw new InvalidConfigException(name, List.of(new ConfigProblem(JsonPaths.of(e), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidConfigException(name, List.of(new ConfigProblem("$", "invalid JSON" + where + ": "
                    + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new InvalidConfigException(name, List.of(new ConfigProblem("$", "unreadable: " + e.getMessage())));
        }
    }

    /** The text of {@code endpoint.json} for {@code config}. */
    public static String toJson(EndpointConfig config) {
        try {
            return MAPPER.writeValueAsString(EndpointConfigWriter.write(config)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Writes {@code config} to {@code file} atomically and owner-only. */
    public void write(Path file, EndpointConfig config) throws IOException {
        writer.write(file, toJson(config).getBytes(StandardCharsets.UTF_8));
    }
}

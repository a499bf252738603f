package dev.corridor.server.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.config.ConfigProblem;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.InvalidConfigException;
import dev.corridor.server.config.JsonObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code users.json}, the users of directory authentication. Reading refuses a
 * malformed file with every problem and its JSON path; writing is atomic and owner-only, because
 * the file holds password hashes and TOTP secrets.
 *
 * <pre>
 *   { "users": [ { "username": "alice", "groups": ["engineering"],
 *                  "password": { "algorithm": "PBKDF2WithHmacSHA256", "iterations": 210000,
 *                                "salt": "base64", "hash": "base64" },
 *                  "totpSecret": "BASE32 (optional)" } ] }
 * </pre>
 */
public final class UsersFile {
    /** The conventional file name inside a server folder. */
    public static final String FILE_NAME = "users.json";
    /** Shortest TOTP secret accepted: RFC 4226 asks for at least 128 bits. */
    public static final int MIN_TOTP_SECRET_BYTES = 16;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AtomicFileWriter writer;

    public UsersFile(AtomicFileWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Reads and checks {@code file}. */
    public static List<User> read(Path file) throws IOException, InvalidConfigException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Checks the bytes of a {@code users.json}; {@code name} is used in the exception message. */
    public static List<User> parse(String name, byte[] json) throws InvalidConfigException {
        JsonNode root = EndpointConfigFile.parseTree(name, json);
        List<ConfigProblem> problems = new ArrayList<>();
        List<User> users = new ArrayList<>();
        JsonObjectReader.of(root, "$", problems).ifPresent(document -> {
            List<JsonNode> entries = document.array("users").orElse(List.of());
            if (!document.has("users")) {
                document.problem("users", "is required");
            }
            document.rejectUnknownFields();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                JsonObjectReader.of(entries.get(i), "$.users[" + i + "]", problems)
                        .flatMap(entry -> user(entry, seen)).ifPresent(users::add);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(name, problems);
        }
        return List.copyOf(users);
    }

    private static Optional<User> user(JsonObjectReader json, Set<String> seen) {
        Optional<String> username = json.requiredString("username");
        if (username.isPresent() && (username.get().isBlank() || username.get().length() > 256)) {
            json.problem("username", "a username is 1 to 256 characters and not blank");
            username = Optional.empty();
        } else if (username.isPresent() && !seen.add(username.get())) {
            json.problem("username", JsonObjectReader.quote(username.get()) + " appears more than once");
            username = Optional.empty();
        }
        Optional<PasswordHash> password = json.requiredObject("password").flatMap(UsersFile::passwordHash);
        List<String> groups = groups(json);
        Optional<byte[]> totp = json.string("totpSecret").flatMap(secret -> totpSecret(json, secret));
        boolean totpBad = json.has("totpSecret") && totp.isEmpty();
        json.rejectUnknownFields();
        if (username.isEmpty() || password.isEmpty() || totpBad) {
            return Optional.empty();
        }
        return Optional.of(new User(username.get(), password.get(), groups, totp));
    }

    private static List<String> groups(JsonObjectReader json) {
        List<String> groups = new ArrayList<>();
        List<JsonNode> entries = json.array("groups").orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if (!entry.isTextual() || entry.textValue().isBlank()) {
                json.problem("groups[" + i + "]", "expected a group name, found " + JsonObjectReader.describe(entry));
            } else {
                groups.add(entry.textValue());
            }
        }
        return groups;
    }

    private static Optional<byte[]> totpSecret(JsonObjectReader json, String secret) {
        Optional<byte[]> bytes = Base32.decode(secret);
        if (bytes.isEmpty()) {
            json.problem("totpSecret", "not base32 (letters A-Z and digits 2-7)");
        } else if (bytes.get().length < MIN_TOTP_SECRET_BYTES) {
            json.problem("totpSecret", "too short: " + bytes.get().length + " bytes; at least "
                    + MIN_TOTP_SECRET_BYTES + " are required");
            return Optional.empty();
        }
        return bytes;
    }

    private static Optional<PasswordHash> passwordHash(JsonObjectReader json) {
        Optional<String> algorithm = json.requiredString("algorithm");
        Optional<Integer> iterations = json.requiredInteger("iterations");
        Optional<byte[]> salt = json.requiredString("salt").flatMap(s -> base64(json, "salt", s));
        Optional<byte[]> hash = json.requiredString("hash").flatMap(s -> base64(json, "hash", s));
        json.rejectUnknownFields();
        boolean ok = true;
        if (algorithm.isPresent() && !PasswordHash.ALGORITHM.equals(algorithm.get())) {
            json.problem("algorithm", JsonObjectReader.quote(algorithm.get()) + " is not supported; use "
                    + PasswordHash.ALGORITHM);
            ok = false;
        }
        if (iterations.isPresent() && iterations.get() < PasswordHash.MIN_ITERATIONS) {
            json.problem("iterations", iterations.get() + " is too few; at least " + PasswordHash.MIN_ITERATIONS);
            ok = false;
        }
        if (salt.isPresent() && salt.get().length < PasswordHash.SALT_BYTES) {
            json.problem("salt", "the salt must be at least " + PasswordHash.SALT_BYTES + " bytes");
            ok = false;
        }
        if (hash.isPresent() && hash.get().length != PasswordHash.HASH_BYTES) {
            json.problem("hash", "the hash must be " + PasswordHash.HASH_BYTES + " bytes");
            ok = false;
        }
        if (!ok || algorithm.isEmpty() || iterations.isEmpty() || salt.isEmpty() || hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PasswordHash(algorithm.get(), iterations.get(), salt.get(), hash.get()));
    }

    private static Optional<byte[]> base64(JsonObjectReader json, String field, String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            json.problem(field, "not base64");
            return Optional.empty();
        }
    }

    /** The text of {@code users.json} for {@code users}. */
    public static String toJson(List<User> users) {
        ObjectNode root = NODES.objectNode();
        ArrayNode array = root.putArray("users");
        for (User user : users) {
            ObjectNode node = array.addObject();
            node.put("username", user.username());
            ArrayNode groups = node.putArray("groups");
            user.groups().forEach(groups::add);
            ObjectNode password = node.putObject("password");
            password.put("algorithm", user.password().algorithm());
            password.put("iterations", user.password().iterations());
            password.put("salt", user.password().saltBase64());
            password.put("hash", user.password().hashBase64());
            user.totpSecret().ifPresent(secret -> node.put("totpSecret", Base32.encode(secret)));
        }
        try {
            return EndpointConfigFile.strictMapper().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Writes {@code users} to {@code file} atomically and owner-only. */
    public void write(Path file, List<User> users) throws IOException {
        writer.write(file, toJson(users).getBytes(StandardCharsets.UTF_8));
    }
}

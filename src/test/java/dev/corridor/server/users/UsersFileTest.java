package dev.corridor.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.config.ConfigProblem;
import dev.corridor.server.config.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing {@code users.json}. */
class UsersFileTest {
    @TempDir
    Path folder;

    @Test
    void roundTripsOwnerOnly() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        List<User> users = List.of(
                new User("alice", PasswordHash.create("a".toCharArray(), random), List.of("engineering"),
                        Optional.of(secret)),
                new User("bob", PasswordHash.create("b".toCharArray(), random), List.of(), Optional.empty()));
        Path file = folder.resolve("users.json");
        new UsersFile(new AtomicFileWriter()).write(file, users);

        assertThat(UsersFile.read(file)).isEqualTo(users);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).doesNotContain("\"a\"").contains("PBKDF2WithHmacSHA256");
    }

    @Test
    void refusesWeakOrMalformedEntriesWithTheirPaths() {
        String json = """
                {"users": [
                  {"username": "alice", "groups": ["eng", 3],
                   "password": {"algorithm": "PBKDF2WithHmacSHA1", "iterations": 1000,
                                "salt": "AAAA", "hash": "%%"}, "totpSecret": "MZXW6YTBOI", "x": 1},
                  {"username": "alice", "password": {"algorithm": "PBKDF2WithHmacSHA256", "iterations": 210000,
                   "salt": "AAAAAAAAAAAAAAAAAAAAAA==", "hash": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}
                ]}
                """;
        assertThatThrownBy(() -> UsersFile.parse("users.json", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                                "$.users[0].groups[1]", "$.users[0].password.hash",
                                "$.users[0].password.algorithm", "$.users[0].password.iterations",
                                "$.users[0].password.salt", "$.users[0].totpSecret", "$.users[0].x",
                                "$.users[1].username"));
    }
}

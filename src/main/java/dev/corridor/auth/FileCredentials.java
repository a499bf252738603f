package dev.corridor.auth;

import dev.corridor.profile.StaticChallenge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Credentials from a file given with {@code --auth-user-pass FILE}: the username on the first line,
 * the password on the second, and optionally the MFA code (static-challenge answer) on the third.
 * It answers only once per question: a refusal is not retried with the same file contents.
 */
public final class FileCredentials implements CredentialsSource {
    private final String username;
    private final char[] password;
    private final char[] code;

    private FileCredentials(String username, char[] password, char[] code) {
        this.username = username;
        this.password = password;
        this.code = code;
    }

    /** Reads the file; the message of the exception says what is wrong without quoting secrets. */
    public static FileCredentials read(Path file) throws IOException {
        if (Files.size(file) > 64 * 1024) {
            throw new IOException(file + " is too large for a credentials file");
        }
        List<String> lines = new ArrayList<>();
        for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\\R", -1)) {
            lines.add(line);
        }
        if (lines.size() < 2 || lines.get(0).isBlank() || lines.get(1).isEmpty()) {
            throw new IOException(file + " must hold the username on line 1 and the password on line 2");
        }
        char[] code = lines.size() > 2 && !lines.get(2).isBlank() ? lines.get(2).strip().toCharArray() : null;
        return new FileCredentials(lines.get(0).strip(), lines.get(1).toCharArray(), code);
    }

    @Override
    public Optional<Credentials> credentials(String profileName, Optional<StaticChallenge> challenge, boolean retry) {
        if (retry) {
            return Optional.empty(); // the file cannot give a different answer
        }
        if (challenge.isPresent() && code == null) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username, password, Optional.ofNullable(code)));
    }

    @Override
    public Optional<char[]> challengeResponse(String text, boolean echo) {
        return code == null ? Optional.empty() : Optional.of(code.clone());
    }
}

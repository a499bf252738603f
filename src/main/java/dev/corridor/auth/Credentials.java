package dev.corridor.auth;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A username, password and optional challenge answer (an MFA code) as the user typed them. Held
 * in memory only; {@link #wipe} clears the secret parts, and {@link #toString} never shows them.
 */
public final class Credentials implements AutoCloseable {
    private final String username;
    private final char[] password;
    private final char[] challengeAnswer;

    public Credentials(String username, char[] password, Optional<char[]> challengeAnswer) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password").clone();
        this.challengeAnswer = challengeAnswer.map(char[]::clone).orElse(null);
    }

    public String username() {
        return username;
    }

    /** A copy of the password; the caller wipes it after use. */
    public char[] password() {
        return password.clone();
    }

    /** A copy of the challenge answer, if one was given. */
    public Optional<char[]> challengeAnswer() {
        return Optional.ofNullable(challengeAnswer).map(char[]::clone);
    }

    public void wipe() {
        Arrays.fill(password, '\0');
        if (challengeAnswer != null) {
            Arrays.fill(challengeAnswer, '\0');
        }
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=[redacted]"
                + (challengeAnswer == null ? "" : ", challengeAnswer=[redacted]") + "]";
    }
}

package dev.corridor.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The generated secrets of one test user, handed back once by {@link ServerInitializer} so that
 * the command can print them. {@link #toString()} hides them.
 *
 * @param username   the user
 * @param groups     the user's groups
 * @param password   the generated password, when the endpoint uses directory authentication
 * @param totpSecret the base32 TOTP secret, when the user has MFA
 */
public record TestUserCredentials(String username, List<String> groups, Optional<String> password,
        Optional<String> totpSecret) {
    public TestUserCredentials {
        Objects.requireNonNull(username, "username");
        groups = List.copyOf(groups);
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(totpSecret, "totpSecret");
    }

    /**
     * The {@code otpauth://} URI an authenticator app imports (as a QR code or by hand).
     * Issuer "Corridor test server", SHA1, 6 digits, 30 s.
     */
    public Optional<String> otpauthUri() {
        return totpSecret.map(secret -> "otpauth://totp/Corridor%20test%20server:" + username + "?secret=" + secret
                + "&issuer=Corridor%20test%20server&algorithm=SHA1&digits=6&period=30");
    }

    @Override
    public String toString() {
        return "TestUserCredentials[" + username + ", groups=" + groups + ", password="
                + (password.isPresent() ? "[redacted]" : "none") + ", mfa=" + totpSecret.isPresent() + "]";
    }
}

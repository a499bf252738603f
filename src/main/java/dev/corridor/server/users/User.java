package dev.corridor.server.users;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One user of directory authentication, as stored in {@code users.json}.
 *
 * @param username   the name the user types (and the connection log records)
 * @param password   the salted slow hash of the password
 * @param groups     the groups the user belongs to, for group-scoped authorization rules
 * @param totpSecret the TOTP secret for MFA, when the user has one (copied in and out)
 */
public record User(String username, PasswordHash password, List<String> groups, Optional<byte[]> totpSecret) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        groups = List.copyOf(groups);
        totpSecret = Objects.requireNonNull(totpSecret, "totpSecret").map(byte[]::clone);
        if (username.isBlank()) {
            throw new IllegalArgumentException("a username cannot be blank");
        }
    }

    @Override
    public Optional<byte[]> totpSecret() {
        return totpSecret.map(byte[]::clone);
    }

    /** True when the user has an MFA device (a TOTP secret). */
    public boolean hasMfa() {
        return totpSecret.isPresent();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof User that && username.equals(that.username) && password.equals(that.password)
                && groups.equals(that.groups) && totpSecret.isPresent() == that.totpSecret.isPresent()
                && (totpSecret.isEmpty() || Arrays.equals(totpSecret.get(), that.totpSecret.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password, groups, totpSecret.map(Arrays::hashCode).orElse(0));
    }

    @Override
    public String toString() {
        return "User[" + username + ", groups=" + groups + ", mfa=" + hasMfa() + "]";
    }
}

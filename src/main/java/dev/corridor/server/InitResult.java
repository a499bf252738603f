package dev.corridor.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ServerInitializer} created.
 *
 * @param folder          the server folder
 * @param endpointConfig  the {@code endpoint.json}
 * @param profiles        the client profiles, one per test user
 * @param credentials     the test users' generated secrets (shown once)
 * @param credentialsFile the owner-only copy of those secrets, when passwords or TOTP secrets were made
 */
public record InitResult(Path folder, Path endpointConfig, List<Path> profiles, List<TestUserCredentials> credentials,
        java.util.Optional<Path> credentialsFile) {
    public InitResult {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(endpointConfig, "endpointConfig");
        profiles = List.copyOf(profiles);
        credentials = List.copyOf(credentials);
        Objects.requireNonNull(credentialsFile, "credentialsFile");
    }
}

package dev.corridor.server.config;

import java.util.Objects;

/**
 * One problem in a JSON configuration file, located by a JSON path such as
 * {@code $.routes[1].destinationCidr}.
 *
 * @param path    where the problem is ({@code $} for the whole document)
 * @param message what is wrong, quoting the offending value
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}

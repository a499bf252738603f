package dev.corridor.auth.saml;

import java.time.Duration;
import java.util.Objects;

/**
 * How the ACS listener binds and waits: the loopback port (35001 for AWS endpoints, another for
 * tests), how long to wait for the browser, and the largest form body accepted.
 *
 * @param port         TCP port on 127.0.0.1; 0 picks a free one (tests)
 * @param timeout      how long {@link AcsListener#await} waits for the browser's POST
 * @param maxBodyBytes the largest form body accepted; larger bodies get 413
 */
public record AcsSettings(int port, Duration timeout, int maxBodyBytes) {
    /** The port AWS's client uses and the server is told in {@code ACS::35001}. */
    public static final int AWS_PORT = 35001;
    /** Five minutes, as the issue asks. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** A SAML response is at most 128 KB; base64 and form escaping stay under 3x, plus slack. */
    public static final int DEFAULT_MAX_BODY = 3 * 128 * 1024 + 16 * 1024;

    public AcsSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ACS port out of range: " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ACS timeout must be positive: " + timeout);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("ACS body limit too small: " + maxBodyBytes);
        }
    }

    /** Port 35001, five minutes, a little over 3 x 128 KB. */
    public static AcsSettings defaults() {
        return new AcsSettings(AWS_PORT, DEFAULT_TIMEOUT, DEFAULT_MAX_BODY);
    }

    public AcsSettings withPort(int newPort) {
        return new AcsSettings(newPort, timeout, maxBodyBytes);
    }

    public AcsSettings withTimeout(Duration newTimeout) {
        return new AcsSettings(port, newTimeout, maxBodyBytes);
    }
}

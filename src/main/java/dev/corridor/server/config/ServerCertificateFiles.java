package dev.corridor.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the endpoint's server certificate and its private key are (PEM). Relative paths are
 * relative to the folder holding {@code endpoint.json}.
 *
 * @param certificateFile the server certificate (serverAuth EKU)
 * @param keyFile         its unencrypted private key
 */
public record ServerCertificateFiles(Path certificateFile, Path keyFile) {
    public ServerCertificateFiles {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
    }
}

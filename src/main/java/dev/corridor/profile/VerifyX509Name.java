package dev.corridor.profile;

import java.util.Objects;

/**
 * A {@code verify-x509-name} check on the server certificate.
 *
 * @param name expected value
 * @param type compare the whole subject DN, the common name, or a common-name prefix
 */
public record VerifyX509Name(String name, Type type) {
    /** What part of the certificate {@link #name} is compared with. */
    public enum Type { SUBJECT, NAME, NAME_PREFIX }

    public VerifyX509Name {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}

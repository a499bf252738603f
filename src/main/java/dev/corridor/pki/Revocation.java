package dev.corridor.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a CRL: a revoked serial number and when it was revoked.
 *
 * @param serial    serial number of the revoked certificate
 * @param revokedAt the revocation date written into the CRL
 */
public record Revocation(BigInteger serial, Instant revokedAt) {

    public Revocation {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("certificate serial numbers are positive");
        }
    }
}

/**
 * A small certificate authority for Corridor's test endpoint and tests: create a CA, issue server
 * and client certificates, revoke serials into a CRL, and write or read the results as PEM.
 *
 * <p>The core ({@link dev.corridor.pki.CertificateAuthority}, {@link dev.corridor.pki.Pem}) is pure:
 * it takes a {@link java.time.Clock} and a {@link java.security.SecureRandom} and returns values.
 * Only {@link dev.corridor.pki.PemFiles} touches the disk, and it writes owner-only files.
 */
package dev.corridor.pki;

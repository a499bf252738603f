package dev.corridor.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How clients of the endpoint authenticate, as the administrator guide offers it: mutual
 * (certificate) authentication, user-based authentication against a directory (here: a users file,
 * optionally with MFA), both, or federated (SAML) sign-in through an IdP.
 *
 * <pre>
 *   "authentication": { "type": "mutual",           "clientRootCaFile": "pki/ca.crt" }
 *   "authentication": { "type": "directory",        "usersFile": "users.json", "mfa": true }
 *   "authentication": { "type": "mutual+directory", "clientRootCaFile": ..., "usersFile": ..., "mfa": ... }
 *   "authentication": { "type": "federated", "idpCertificateFile": ..., "idpUrl": ..., "testIdp": {...} }
 *   "authentication": { "type": "federated", "idpMetadataFile": "idp/metadata.xml" }
 * </pre>
 */
public sealed interface AuthenticationOptions {

    /** The {@code type} value written in {@code endpoint.json}. */
    String type();

    /** True when clients must present a certificate issued by the client root CA. */
    default boolean requiresClientCertificate() {
        return this instanceof Mutual || this instanceof MutualAndDirectory;
    }

    /** True when clients must send a username and password checked against the users file. */
    default boolean requiresPassword() {
        return this instanceof Directory || this instanceof MutualAndDirectory;
    }

    /** True when group-scoped authorization rules can apply (the user's groups are known). */
    default boolean knowsGroups() {
        return requiresPassword() || this instanceof Federated;
    }

    /**
     * Mutual authentication: the client certificate must chain to this CA.
     *
     * @param clientRootCaFile PEM file with the CA that issued the client certificates
     */
    record Mutual(Path clientRootCaFile) implements AuthenticationOptions {
        public Mutual {
            Objects.requireNonNull(clientRootCaFile, "clientRootCaFile");
        }

        @Override
        public String type() {
            return "mutual";
        }
    }

    /**
     * User-based authentication against a users file (the stand-in for Active Directory).
     *
     * @param usersFile the {@code users.json} with password hashes, groups and TOTP secrets
     * @param mfa       whether users must also answer the static challenge with a TOTP code
     */
    record Directory(Path usersFile, boolean mfa) implements AuthenticationOptions {
        public Directory {
            Objects.requireNonNull(usersFile, "usersFile");
        }

        @Override
        public String type() {
            return "directory";
        }
    }

    /**
     * Both: a client certificate and then a username and password.
     *
     * @param mutual    the certificate part
     * @param directory the password part
     */
    record MutualAndDirectory(Mutual mutual, Directory directory) implements AuthenticationOptions {
        public MutualAndDirectory {
            Objects.requireNonNull(mutual, "mutual");
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String type() {
            return "mutual+directory";
        }
    }

    /**
     * Federated (SAML) sign-in: the client's browser signs in at the IdP, whose signed response the
     * endpoint checks against the pinned certificate; groups come from the memberOf attribute.
     *
     * @param idp     the IdP's certificate and URL, given directly or as its metadata file
     * @param testIdp when set, {@code server run} also serves the bundled test IdP at the IdP's URL
     */
    record Federated(IdpSource idp, Optional<TestIdp> testIdp) implements AuthenticationOptions {
        public Federated {
            Objects.requireNonNull(idp, "idp");
            Objects.requireNonNull(testIdp, "testIdp");
        }

        /**
         * The bundled test IdP's files: {@code "testIdp": {"keyFile": "idp/idp.key", "usersFile": "users.json"}}.
         *
         * @param keyFile   the private key of the IdP certificate
         * @param usersFile the users who may sign in at the IdP (same format as directory authentication)
         */
        public record TestIdp(Path keyFile, Path usersFile) {
            public TestIdp {
                Objects.requireNonNull(keyFile, "keyFile");
                Objects.requireNonNull(usersFile, "usersFile");
            }
        }

        @Override
        public String type() {
            return "federated";
        }
    }
}

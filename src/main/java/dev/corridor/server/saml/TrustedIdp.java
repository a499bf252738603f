package dev.corridor.server.saml;

import dev.corridor.pki.Pem;
import dev.corridor.pki.PemException;
import dev.corridor.server.ServerSetupException;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.IdpSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The IdP a federated endpoint trusts: the certificate whose key must sign its responses, the URL
 * its browser sign-in starts at, and its entity id (the Issuer of its responses).
 *
 * @param certificate the pinned signing certificate
 * @param ssoUrl      the SingleSignOnService URL of the HTTP-Redirect binding
 * @param entityId    the IdP's entity id
 */
public record TrustedIdp(X509Certificate certificate, String ssoUrl, String entityId) {
    /** The JSON path named when the metadata file named in endpoint.json is refused. */
    public static final String METADATA_JSON_PATH = "$.authentication.idpMetadataFile";
    /** The JSON path named when the certificate file named in endpoint.json is refused. */
    public static final String CERTIFICATE_JSON_PATH = "$.authentication.idpCertificateFile";

    public TrustedIdp {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(ssoUrl, "ssoUrl");
        Objects.requireNonNull(entityId, "entityId");
    }

    /**
     * Reads the IdP that {@code source} names; relative paths are taken from {@code configFolder}.
     * A refused file is reported with its JSON path, e.g.
     * {@code $.authentication.idpMetadataFile: idp/metadata.xml: the metadata has no IDPSSODescriptor}.
     */
    public static TrustedIdp load(IdpSource source, Path configFolder) throws ServerSetupException {
        if (source instanceof IdpSource.Metadata metadata) {
            Path file = EndpointConfig.resolve(configFolder, metadata.file());
            try {
                if (Files.size(file) > IdpMetadata.MAX_BYTES) {
                    throw new ServerSetupException(METADATA_JSON_PATH + ": " + metadata.file() + ": larger than "
                            + IdpMetadata.MAX_BYTES + " bytes");
                }
                return IdpMetadata.parse(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new ServerSetupException(METADATA_JSON_PATH + ": cannot read " + file + ": " + e.getMessage());
            } catch (InvalidIdpMetadataException e) {
                throw new ServerSetupException(METADATA_JSON_PATH + ": " + metadata.file() + ": " + e.getMessage());
            }
        }
        IdpSource.Pinned pinned = (IdpSource.Pinned) source;
        Path file = EndpointConfig.resolve(configFolder, pinned.certificateFile());
        try {
            List<X509Certificate> certificates = Pem.readCertificates(Files.readString(file,
                    StandardCharsets.US_ASCII));
            if (certificates.isEmpty()) {
                throw new ServerSetupException(CERTIFICATE_JSON_PATH + ": " + pinned.certificateFile()
                        + ": no IdP certificate in the file");
            }
            return new TrustedIdp(certificates.get(0), pinned.url(), pinned.entityId());
        } catch (IOException e) {
            throw new ServerSetupException(CERTIFICATE_JSON_PATH + ": cannot read " + file + ": " + e.getMessage());
        } catch (PemException e) {
            throw new ServerSetupException(CERTIFICATE_JSON_PATH + ": " + pinned.certificateFile() + ": "
                    + e.getMessage());
        }
    }
}

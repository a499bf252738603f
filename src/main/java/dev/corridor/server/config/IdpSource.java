package dev.corridor.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a federated endpoint learns the IdP it trusts: the IdP's signing certificate and sign-in
 * URL given one by one, or the IdP's SAML 2.0 metadata document (as an administrator downloads it
 * from the IdP and uploads it to IAM), from which both are read.
 *
 * <pre>
 *   "idpCertificateFile": "idp/idp.crt", "idpUrl": "http://…/sso", ["idpEntityId": "…"]   ─► Pinned
 *   "idpMetadataFile": "idp/metadata.xml"                                                 ─► Metadata
 * </pre>
 */
public sealed interface IdpSource {

    /**
     * The certificate file and URL given directly.
     *
     * @param certificateFile PEM file with the IdP's signing certificate
     * @param url             the IdP's sign-in URL (SAML HTTP-Redirect binding)
     * @param entityId        the IdP's entity id, the Issuer of its responses
     */
    record Pinned(Path certificateFile, String url, String entityId) implements IdpSource {
        public Pinned {
            Objects.requireNonNull(certificateFile, "certificateFile");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(entityId, "entityId");
        }
    }

    /**
     * An IdP metadata file: EntityDescriptor with an IDPSSODescriptor, its signing certificate and
     * its HTTP-Redirect SingleSignOnService.
     *
     * @param file the metadata XML file
     */
    record Metadata(Path file) implements IdpSource {
        public Metadata {
            Objects.requireNonNull(file, "file");
        }
    }
}

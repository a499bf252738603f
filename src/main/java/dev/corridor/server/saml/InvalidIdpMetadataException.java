package dev.corridor.server.saml;

/** An IdP metadata document was refused; the message is one sentence saying why. */
public final class InvalidIdpMetadataException extends Exception {
    public InvalidIdpMetadataException(String message) {
        super(message);
    }
}

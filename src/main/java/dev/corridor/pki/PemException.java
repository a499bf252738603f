package dev.corridor.pki;

/** PEM text could not be read as the certificate, key or CRL it was supposed to hold. */
public final class PemException extends Exception {

    public PemException(String message) {
        super(message);
    }

    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.corridor.net;

/** A change to the host network could not be made or read; the message says which and why. */
public class NetworkChangeException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetworkChangeException(String message) {
        super(message);
    }

    public NetworkChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}

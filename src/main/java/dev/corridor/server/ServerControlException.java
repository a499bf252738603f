package dev.corridor.server;

/** A request to a running server could not be made or was refused; the message says why. */
public final class ServerControlException extends Exception {
    public ServerControlException(String message) {
        super(message);
    }
}

package dev.corridor.server;

/** {@code corridor server init} cannot proceed; the message says why and what to do. */
public final class ServerSetupException extends Exception {
    public ServerSetupException(String message) {
        super(message);
    }
}

package dev.corridor.cli.demo;

/** The demo cannot start: the message says why in words meant for the user. */
public final class DemoException extends Exception {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}

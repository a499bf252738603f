package dev.corridor.profile;

/** A profile-store operation could not be done; the message is written for the user. */
public class ProfileStoreException extends Exception {
    /** What kind of failure, so that callers can react without parsing the message. */
    public enum Kind { NOT_FOUND, NAME_TAKEN, ALREADY_IMPORTED, INVALID_NAME, INVALID_PROFILE, STORAGE }

    private final Kind kind;

    public ProfileStoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProfileStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package dev.corridor.profile;

/**
 * Why a profile diagnostic was raised; tests and the UI key on the reason, people read the message.
 */
public enum Reason {
    // whole-file problems
    EMPTY_PROFILE,
    TOO_LARGE,
    NOT_TEXT,
    NOT_UTF8,
    LINE_TOO_LONG,

    // syntax
    UNTERMINATED_QUOTE,
    UNTERMINATED_BLOCK,
    STRAY_CLOSING_TAG,
    UNKNOWN_BLOCK,
    EMPTY_BLOCK,

    // directives
    UNKNOWN_DIRECTIVE,
    REJECTED_FOR_SECURITY,
    SERVER_ONLY,
    NOT_SUPPORTED,
    OBSOLETE,
    IGNORED_ON_PLATFORM,
    IGNORED,
    WRONG_ARGUMENT_COUNT,
    BAD_ARGUMENT,
    BAD_PORT,
    DUPLICATE,
    CONFLICT,

    // referenced files
    FILE_NOT_FOUND,
    FILE_UNREADABLE,
    FILE_REFERENCE_NOT_ALLOWED,
    CREDENTIALS_NOT_STORED,

    // key material
    BAD_CERTIFICATE,
    BAD_PRIVATE_KEY,
    ENCRYPTED_KEY,
    KEY_CERT_MISMATCH,
    BAD_STATIC_KEY,
    CERTIFICATE_EXPIRED,

    // what a usable profile needs
    MISSING_REMOTE,
    MISSING_CA,
    MISSING_AUTHENTICATION,
    CERT_WITHOUT_KEY,
    KEY_WITHOUT_CERT,
    NOT_A_CLIENT,

    // a check itself failed; always a bug in Corridor
    INTERNAL_ERROR
}

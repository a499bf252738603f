package dev.corridor.server.users;

import java.util.List;
import java.util.Objects;

/** The outcome of checking a username, password and MFA code against the users file. */
public sealed interface Verification {

    /**
     * The user is who they claim to be.
     *
     * @param username the verified username
     * @param groups   the user's groups, for authorization rules
     */
    record Ok(String username, List<String> groups) implements Verification {
        public Ok {
            Objects.requireNonNull(username, "username");
            groups = List.copyOf(groups);
        }
    }

    /**
     * The user is refused. The reason is for the server's logs and metrics; a client should only
     * be told that authentication failed.
     *
     * @param reason why
     */
    record Refused(Reason reason) implements Verification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a user was refused. */
    enum Reason {
        /** No user with that name. */
        UNKNOWN_USER,
        /** The password does not match. */
        WRONG_PASSWORD,
        /** MFA is required but no code was given. */
        MFA_CODE_MISSING,
        /** The code does not match any step in the window. */
        MFA_CODE_WRONG,
        /** The code matched a step that was already used for this user. */
        MFA_CODE_REPLAYED
    }
}

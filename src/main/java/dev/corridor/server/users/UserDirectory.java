package dev.corridor.server.users;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint's stand-in for Active Directory: checks usernames, passwords and (with MFA) TOTP
 * codes against the users of {@code users.json}.
 *
 * <pre>
 *   verify(user, password, code, clock)
 *     unknown user ─────────> hash a dummy password anyway (same time), Refused(UNKNOWN_USER)
 *     wrong password ───────> Refused(WRONG_PASSWORD)
 *     MFA on and the user has a TOTP secret:
 *              no code ─────> Refused(MFA_CODE_MISSING)
 *              no match in now ±1 step ───> Refused(MFA_CODE_WRONG)
 *              step &lt;= last used step ───> Refused(MFA_CODE_REPLAYED)   (each code works once)
 *     ──────────────────────> Ok(username, groups)
 * </pre>
 *
 * The last used TOTP step per user is kept in memory only. Safe for concurrent use. Nothing here
 * logs; passwords and codes never leave the method.
 */
public final class UserDirectory {
    private final Map<String, User> users;
    private final boolean mfaRequired;
    private final PasswordHash dummy;
    private final Map<String, Long> lastUsedStep = new ConcurrentHashMap<>();

    /**
     * A directory of {@code users}.
     *
     * @param mfaRequired the endpoint's MFA setting: when on, every user with a TOTP secret must also
     *                    give a current code (users without one sign in with their password alone,
     *                    like directory users without an MFA device); when off, codes are ignored
     */
    public UserDirectory(List<User> users, boolean mfaRequired) {
        Map<String, User> byName = new LinkedHashMap<>();
        for (User user : users) {
            if (byName.put(user.username(), user) != null) {
                throw new IllegalArgumentException("the username " + user.username() + " appears twice");
            }
        }
        this.users = Map.copyOf(byName);
        this.mfaRequired = mfaRequired;
        this.dummy = PasswordHash.create("corridor-dummy".toCharArray(), new SecureRandom());
    }

    /** The user called {@code username}, if any. */
    public Optional<User> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** Whether MFA codes are required of users who have a TOTP secret. */
    public boolean mfaRequired() {
        return mfaRequired;
    }

    /**
     * Checks one login attempt at the clock's current time.
     *
     * @param username the username given
     * @param password the password given; the caller may clear it afterwards
     * @param code     the static-challenge answer (TOTP code), if one was given
     * @param clock    the time TOTP codes are checked against
     */
    public Verification verify(String username, char[] password, Optional<String> code, Clock clock) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(code, "code");
        User user = users.get(username);
        if (user == null) {
            dummy.matches(password);
            return new Verification.Refused(Verification.Reason.UNKNOWN_USER);
        }
        if (!user.password().matches(password)) {
            return new Verification.Refused(Verification.Reason.WRONG_PASSWORD);
        }
        if (mfaRequired && user.hasMfa()) {
            Optional<Verification.Reason> refused = checkCode(user, code, clock);
            if (refused.isPresent()) {
                return new Verification.Refused(refused.get());
            }
        }
        return new Verification.Ok(user.username(), user.groups());
    }

    private Optional<Verification.Reason> checkCode(User user, Optional<String> code, Clock clock) {
        if (code.isEmpty() || code.get().isBlank()) {
            return Optional.of(Verification.Reason.MFA_CODE_MISSING);
        }
        Totp totp = new Totp(user.totpSecret().get());
        OptionalLong step = totp.verify(code.get().strip(), clock.instant());
        if (step.isEmpty()) {
            return Optional.of(Verification.Reason.MFA_CODE_WRONG);
        }
        boolean[] fresh = new boolean[1];
        lastUsedStep.compute(user.username(), (name, last) -> {
            fresh[0] = last == null || step.getAsLong() > last;
            return fresh[0] ? step.getAsLong() : last;
        });
        return fresh[0] ? Optional.empty() : Optional.of(Verification.Reason.MFA_CODE_REPLAYED);
    }

    @Override
    public String toString() {
        return "UserDirectory[" + users.size() + " users, mfa=" + mfaRequired + "]";
    }
}

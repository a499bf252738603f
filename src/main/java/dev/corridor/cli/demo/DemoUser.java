package dev.corridor.cli.demo;

import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One demo user with the fixed, documented secrets of the demo (docs/demo.md): these accounts exist
 * only on the demo's loopback test servers, so their passwords and TOTP secret are public on purpose.
 *
 * @param username   the user name at the directory and at the test IdP
 * @param password   the fixed demo password
 * @param groups     the user's groups (engineering may reach the private network 10.100.0.0/16)
 * @param totpSecret the base32 TOTP secret of users with MFA
 */
public record DemoUser(String username, String password, List<String> groups, Optional<String> totpSecret) {
    /** alice: group engineering, MFA (TOTP secret below). */
    public static final DemoUser ALICE = new DemoUser("alice", "demo-alice", List.of("engineering"),
            Optional.of("CORRIDORDEMOTOTPSECRETFORALICE23"));
    /** bob: no groups, no MFA. */
    public static final DemoUser BOB = new DemoUser("bob", "demo-bob", List.of(), Optional.empty());
    /** carol: group finance, no MFA. */
    public static final DemoUser CAROL = new DemoUser("carol", "demo-carol", List.of("finance"), Optional.empty());
    /** Every demo user, in the order the demo lists them. */
    public static final List<DemoUser> ALL = List.of(ALICE, BOB, CAROL);

    public DemoUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        groups = List.copyOf(groups);
        Objects.requireNonNull(totpSecret, "totpSecret");
        totpSecret.ifPresent(s -> Base32.decode(s).orElseThrow(
                () -> new IllegalArgumentException("not base32: the TOTP secret of " + username)));
    }

    /** The TOTP secret's bytes, for users with MFA. */
    public Optional<byte[]> totpSecretBytes() {
        return totpSecret.map(s -> Base32.decode(s).orElseThrow());
    }

    /** The MFA code valid at {@code time} (30-second steps, 6 digits), for users with MFA. */
    public Optional<String> code(Instant time) {
        return totpSecretBytes().map(secret -> new Totp(secret).code(time));
    }

    /** Seconds until the code valid at {@code time} changes. */
    public static long secondsLeft(Instant time) {
        return Totp.DEFAULT_STEP_SECONDS - Math.floorMod(time.getEpochSecond(), Totp.DEFAULT_STEP_SECONDS);
    }

    @Override
    public String toString() {
        return "DemoUser[" + username + ", groups=" + groups + ", mfa=" + totpSecret.isPresent() + "]";
    }
}

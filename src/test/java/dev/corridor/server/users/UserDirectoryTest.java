package dev.corridor.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Password, MFA and replay checks of the users file directory. */
class UserDirectoryTest {
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.ofEpochSecond(1_234_567_890L);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static User alice;
    private static User bob;

    @BeforeAll
    static void users() {
        SecureRandom random = new SecureRandom();
        alice = new User("alice", PasswordHash.create("alice-pw".toCharArray(), random), List.of("engineering"),
                Optional.of(SECRET));
        bob = new User("bob", PasswordHash.create("bob-pw".toCharArray(), random), List.of(), Optional.empty());
    }

    private static UserDirectory directory(boolean mfa) {
        return new UserDirectory(List.of(alice, bob), mfa);
    }

    private static String code(Instant at) {
        return new Totp(SECRET).code(at);
    }

    @Test
    void hashesAreSaltedSlowAndVerify() {
        PasswordHash hash = alice.password();
        assertThat(hash.algorithm()).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(hash.iterations()).isGreaterThanOrEqualTo(210_000);
        assertThat(hash.salt()).hasSize(16);
        assertThat(hash.matches("alice-pw".toCharArray())).isTrue();
        assertThat(hash.matches("alice-pW".toCharArray())).isFalse();
        assertThat(hash.matches(new char[0])).isFalse();
        assertThat(PasswordHash.create("alice-pw".toCharArray(), new SecureRandom()).hash())
                .isNotEqualTo(hash.hash());
        assertThat(hash.toString()).doesNotContain(hash.saltBase64()).doesNotContain(hash.hashBase64());
    }

    @Test
    void acceptsTheRightPasswordAndReturnsTheGroups() {
        assertThat(directory(false).verify("alice", "alice-pw".toCharArray(), Optional.empty(), CLOCK))
                .isEqualTo(new Verification.Ok("alice", List.of("engineering")));
        assertThat(directory(true).verify("bob", "bob-pw".toCharArray(), Optional.empty(), CLOCK))
                .isEqualTo(new Verification.Ok("bob", List.of()));
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownUser() {
        assertThat(directory(false).verify("alice", "bob-pw".toCharArray(), Optional.empty(), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.WRONG_PASSWORD));
        assertThat(directory(false).verify("mallory", "x".toCharArray(), Optional.empty(), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.UNKNOWN_USER));
        assertThat(directory(false).verify("alice", new char[0], Optional.empty(), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.WRONG_PASSWORD));
    }

    @Test
    void withMfaAnEnrolledUserNeedsACurrentCode() {
        UserDirectory directory = directory(true);
        char[] password = "alice-pw".toCharArray();
        assertThat(directory.verify("alice", password, Optional.empty(), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.MFA_CODE_MISSING));
        assertThat(directory.verify("alice", password, Optional.of(code(NOW.minusSeconds(90))), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.MFA_CODE_WRONG));
        assertThat(directory.verify("alice", password, Optional.of(code(NOW.minusSeconds(30))), CLOCK))
                .isInstanceOf(Verification.Ok.class);
        assertThat(directory.verify("alice", password, Optional.of(code(NOW)), CLOCK))
                .isInstanceOf(Verification.Ok.class);
        assertThat(directory.verify("alice", "nope".toCharArray(), Optional.of(code(NOW)), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.WRONG_PASSWORD));
    }

    @Test
    void aCodeWorksOncePerStepAndOlderStepsAreRefusedAfterANewerOne() {
        UserDirectory directory = directory(true);
        char[] password = "alice-pw".toCharArray();
        assertThat(directory.verify("alice", password, Optional.of(code(NOW)), CLOCK))
                .isInstanceOf(Verification.Ok.class);
        assertThat(directory.verify("alice", password, Optional.of(code(NOW)), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.MFA_CODE_REPLAYED));
        assertThat(directory.verify("alice", password, Optional.of(code(NOW.minusSeconds(30))), CLOCK))
                .isEqualTo(new Verification.Refused(Verification.Reason.MFA_CODE_REPLAYED));
        Clock later = Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC);
        assertThat(directory.verify("alice", password, Optional.of(code(NOW.plusSeconds(30))), later))
                .isInstanceOf(Verification.Ok.class);
    }

    @Test
    void withoutMfaCodesAreIgnored() {
        assertThat(directory(false).verify("alice", "alice-pw".toCharArray(), Optional.of("000000"), CLOCK))
                .isInstanceOf(Verification.Ok.class);
    }

    @Test
    void secretsNeverAppearInToString() {
        assertThat(alice.toString()).doesNotContain(Base32.encode(SECRET)).contains("mfa=true");
        assertThat(new Totp(SECRET).toString()).doesNotContain(Base32.encode(SECRET));
    }
}

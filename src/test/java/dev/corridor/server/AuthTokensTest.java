package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthTokensTest {
    private final AuthTokens tokens = new AuthTokens(new SecureRandom());

    @Test
    void aTokenIsValidForItsUserUntilItExpires() {
        String token = tokens.issue("alice", List.of("engineering"), 10_000);

        assertThat(token).startsWith(AuthTokens.PREFIX).hasSize(AuthTokens.PREFIX.length() + 43);
        assertThat(AuthTokens.looksLikeToken(token.toCharArray())).isTrue();
        assertThat(tokens.lookup("alice", token.toCharArray(), 9_999)).hasValueSatisfying(grant -> {
            assertThat(grant.username()).isEqualTo("alice");
            assertThat(grant.groups()).containsExactly("engineering");
        });
        assertThat(tokens.lookup("bob", token.toCharArray(), 1)).isEmpty();
        assertThat(tokens.lookup("alice", token.toCharArray(), 10_000)).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void revokedAndUnknownTokensAreRefusedAndPasswordsDoNotLookLikeTokens() {
        String token = tokens.issue("alice", List.of(), Long.MAX_VALUE);
        String other = tokens.issue("alice", List.of(), Long.MAX_VALUE);
        tokens.revoke(token);

        assertThat(tokens.lookup("alice", token.toCharArray(), 0)).isEmpty();
        assertThat(tokens.lookup("alice", other.toCharArray(), 0)).isPresent();
        assertThat(tokens.lookup("alice", (AuthTokens.PREFIX + "forged").toCharArray(), 0)).isEmpty();
        assertThat(AuthTokens.looksLikeToken("hunter2".toCharArray())).isFalse();
        assertThat(AuthTokens.looksLikeToken(AuthTokens.PREFIX.toCharArray())).isFalse();
        assertThat(token).isNotEqualTo(other);
    }

    @Test
    void expireSweepsOnlyExpiredTokens() {
        tokens.issue("a", List.of(), 100);
        tokens.issue("b", List.of(), 300);

        tokens.expire(200);

        assertThat(tokens.size()).isEqualTo(1);
    }
}

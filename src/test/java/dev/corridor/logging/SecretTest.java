package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Checks that {@link Secret} keeps its value out of strings and can be wiped. */
class SecretTest {

    @Test
    void printsAsRedacted() {
        Secret secret = Secret.of("hunter2");

        assertThat(secret.toString()).isEqualTo("[redacted]");
        assertThat("password is " + secret).isEqualTo("password is [redacted]");
        assertThat(String.format("%s", secret)).doesNotContain("hunter2");
    }

    @Test
    void revealsACopy() {
        char[] source = {'a', 'b', 'c'};
        Secret secret = Secret.of(source);
        source[0] = 'x';

        char[] revealed = secret.reveal();
        revealed[1] = 'y';

        assertThat(secret.reveal()).containsExactly('a', 'b', 'c');
    }

    @Test
    void clearingForgetsTheValue() {
        Secret secret = Secret.of("hunter2");

        secret.clear();

        assertThat(secret.isCleared()).isTrue();
        assertThat(secret.isEmpty()).isFalse();
        assertThatThrownBy(secret::reveal).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("hunter2");
        secret.clear(); // twice is fine
    }

    @Test
    void closeClears() {
        Secret kept;
        try (Secret secret = Secret.of("hunter2")) {
            kept = secret;
            assertThat(secret.isCleared()).isFalse();
        }
        assertThat(kept.isCleared()).isTrue();
    }

    @Test
    void equalsComparesContents() {
        assertThat(Secret.of("hunter2")).isEqualTo(Secret.of("hunter2".toCharArray()));
        assertThat(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter3"));
        assertThat(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter22"));
        assertThat(Secret.of("hunter2")).isNotEqualTo("hunter2");
        assertThat(Secret.of("hunter2").hashCode()).isEqualTo(Secret.of("other").hashCode());
    }

    @Test
    void aClearedSecretEqualsOnlyItself() {
        Secret cleared = Secret.of("hunter2");
        cleared.clear();
        Secret alsoCleared = Secret.of("hunter2");
        alsoCleared.clear();

        assertThat(cleared).isEqualTo(cleared);
        assertThat(cleared).isNotEqualTo(alsoCleared);
        assertThat(cleared).isNotEqualTo(Secret.of("hunter2"));
    }

    @Test
    void knowsWhenItIsEmpty() {
        assertThat(Secret.of("").isEmpty()).isTrue();
        assertThat(Secret.of("x").isEmpty()).isFalse();
    }
}

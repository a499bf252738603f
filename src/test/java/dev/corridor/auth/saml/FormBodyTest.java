package dev.corridor.auth.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {
    @Test
    void keepsPlusDecodesEscapesAndTakesTheFirstOccurrence() {
        Map<String, String> f = FormBody.parse("SAMLResponse=a+b%2Bc%2F%3D&x&SAMLResponse=second&n%C3%A9=%E2%82%AC&&");
        assertThat(f).containsEntry("SAMLResponse", "a+b+c/=").containsEntry("x", "")
                .containsEntry("né", "€").hasSize(3);
    }

    @Test
    void emptyBodyHasNoFields() {
        assertThat(FormBody.parse("")).isEmpty();
    }

    @Test
    void malformedEscapesAreErrors() {
        assertThatThrownBy(() -> FormBody.parse("a=%4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormBody.parse("a=%g0")).isInstanceOf(IllegalArgumentException.class);
    }
}

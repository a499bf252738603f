package dev.corridor.auth.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class Crv1PasswordTest {
    private static final String STATE = "instance-1/1234/1b2c3d4e-aaaa-bbbb-cccc-0123456789ab";

    @Test
    void percentEncodesPerRfc3986ByDefault() {
        SamlResponse r = new SamlResponse("PHN+a/b=c-._~", Optional.empty());
        assertThat(Crv1Password.of(STATE, r, Crv1Password.Encoding.PERCENT))
                .isEqualTo("CRV1::" + STATE + "::PHN%2Ba%2Fb%3Dc-._~");
    }

    @Test
    void rawSendsTheBase64AsItCame() {
        SamlResponse r = new SamlResponse("PHN+a/b=", Optional.empty());
        assertThat(Crv1Password.of(STATE, r, Crv1Password.Encoding.RAW)).isEqualTo("CRV1::" + STATE + "::PHN+a/b=");
    }

    @Test
    void encodesNonAsciiAsUtf8Bytes() {
        assertThat(Crv1Password.percentEncode("é ")).isEqualTo("%C3%A9%20");
    }
}

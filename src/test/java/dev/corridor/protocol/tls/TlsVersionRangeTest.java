package dev.corridor.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tls-version-min/max} as a profile stores them, turned into the versions we offer. */
class TlsVersionRangeTest {

    private static TlsVersionRange ok(String min, Optional<String> max) {
        return TlsVersionRange.fromProfile(min, max).asOptional().orElseThrow();
    }

    @Test
    void profileDefaultsAreTls12To13() {
        assertThat(ok("1.2", Optional.empty())).isEqualTo(TlsVersionRange.DEFAULT);
        assertThat(ok("1.3", Optional.empty())).isEqualTo(new TlsVersionRange(TlsVersion.TLS_1_3, TlsVersion.TLS_1_3));
        assertThat(ok("1.2", Optional.of("1.2"))).isEqualTo(new TlsVersionRange(TlsVersion.TLS_1_2,
                TlsVersion.TLS_1_2));
    }

    @Test
    void oldMinimumsAreRaisedToTls12() {
        assertThat(ok("1.0", Optional.empty())).isEqualTo(TlsVersionRange.DEFAULT);
        assertThat(ok("1.1", Optional.of("1.3"))).isEqualTo(TlsVersionRange.DEFAULT);
    }

    @Test
    void impossibleRangesAreBadConfiguration() {
        assertThat(TlsVersionRange.fromProfile("1.3", Optional.of("1.2")).failureIfAny())
                .map(TlsFailure::kind).contains(TlsFailure.Kind.BAD_CONFIGURATION);
        assertThat(TlsVersionRange.fromProfile("2.0", Optional.empty()).failureIfAny()).isPresent();
        assertThat(TlsVersionRange.fromProfile("1.2", Optional.of("1.1")).failureIfAny()).isPresent();
        assertThatThrownBy(() -> new TlsVersionRange(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireVersionsAreNewestFirst() {
        assertThat(TlsVersionRange.DEFAULT.wireVersions()).extracting(Object::toString)
                .containsExactly("TLS 1.3", "TLS 1.2");
    }
}

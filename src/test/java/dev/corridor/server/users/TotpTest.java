package dev.corridor.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 TOTP: the RFC's SHA1 test vectors (Appendix B) and the ±1 step window. */
class TotpTest {
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}s -> {1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void matchesTheRfc6238Sha1Vectors(long seconds, String expected) {
        Instant time = Instant.ofEpochSecond(seconds);
        assertThat(new Totp(RFC_SECRET, 30, 8).code(time)).isEqualTo(expected);
        // Six digits are the last six of the eight (the same binary value mod 10^6).
        assertThat(new Totp(RFC_SECRET).code(time)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsTheCodesOfOneStepEitherSideAndNoFurther() {
        Totp totp = new Totp(RFC_SECRET);
        Instant now = Instant.ofEpochSecond(1_234_567_890L);
        long step = totp.step(now);

        assertThat(totp.verify(totp.codeForStep(step), now)).hasValue(step);
        assertThat(totp.verify(totp.codeForStep(step - 1), now)).hasValue(step - 1);
        assertThat(totp.verify(totp.codeForStep(step + 1), now)).hasValue(step + 1);
        assertThat(totp.verify(totp.codeForStep(step - 2), now)).isEmpty();
        assertThat(totp.verify(totp.codeForStep(step + 2), now)).isEmpty();
        assertThat(totp.verify("", now)).isEmpty();
        assertThat(totp.verify("12345", now)).isEmpty();
    }

    @Test
    void base32MatchesRfc4648AndRoundTrips() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Base32.decode("MZXW6YTBOI======")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("foobar"));
        assertThat(Base32.decode("mzxw 6ytb oi")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("foobar"));
        assertThat(Base32.decode("MZXW1")).isEmpty();
        assertThat(Base32.decode(Base32.encode(RFC_SECRET))).hasValue(RFC_SECRET);
        assertThat(Base32.encode(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}

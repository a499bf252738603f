package dev.corridor.protocol.tls.wrap;

import static dev.corridor.protocol.tls.wrap.WrapFixtures.CLIENT_CONTROL;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.NOW;
import static dev.corridor.protocol.tls.wrap.WrapFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plain wrap is the plain layout: no header, no replay check. */
class PlainControlWrapTest {

    @Test
    void wrapIsThePlainLayout() {
        byte[] wire = PlainControlWrap.INSTANCE.wrap(CLIENT_CONTROL, NOW);
        assertThat(wire).isEqualTo(hex("20 0102030405060708 02 00000007 00000008 1112131415161718 00000009"
                + " 68656c6c6f"));
        assertThat(PlainControlWrap.INSTANCE.overhead()).isZero();
    }

    @Test
    void repeatsAreNotReplaysHere() {
        byte[] wire = PlainControlWrap.INSTANCE.wrap(CLIENT_CONTROL, NOW);
        assertThat(PlainControlWrap.INSTANCE.unwrap(wire, NOW)).isEqualTo(new Unwrapped.Ok(CLIENT_CONTROL));
        assertThat(PlainControlWrap.INSTANCE.unwrap(wire, NOW)).isEqualTo(new Unwrapped.Ok(CLIENT_CONTROL));
    }

    @Test
    void malformedIsReported() {
        assertThat(PlainControlWrap.INSTANCE.unwrap(hex("20 01"), NOW)).isInstanceOf(Unwrapped.Malformed.class);
    }
}

package dev.corridor.protocol.tls.wrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.OptionalInt;
import dev.corridor.protocol.Role;
import org.junit.jupiter.api.Test;

/** Static key halves, key directions and tls-auth digests. */
class StaticKeyTest {

    @Test
    void halvesFollowTheKey2Layout() {
        StaticKey key = StaticKey.fromFileText(WrapFixtures.keyFileText());
        assertThat(key.cipherPart(0)).isEqualTo(Arrays.copyOfRange(WrapFixtures.KEY_BYTES, 0, 64));
        assertThat(key.hmacPart(0)).isEqualTo(Arrays.copyOfRange(WrapFixtures.KEY_BYTES, 64, 128));
        assertThat(key.cipherPart(1)).isEqualTo(Arrays.copyOfRange(WrapFixtures.KEY_BYTES, 128, 192));
        assertThat(key.hmacPart(1)).isEqualTo(Arrays.copyOfRange(WrapFixtures.KEY_BYTES, 192, 256));
        assertThatThrownBy(() -> key.hmacPart(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIsNeverPrintedAndIsCopied() {
        byte[] raw = WrapFixtures.KEY_BYTES.clone();
        StaticKey key = StaticKey.of(raw);
        raw[0] = 42;
        assertThat(key.cipherPart(0)[0]).isEqualTo((byte) 0);
        key.cipherPart(0)[1] = 42;
        assertThat(key.cipherPart(0)[1]).isEqualTo((byte) 1);
        assertThat(key.toString()).doesNotContain("00010203").contains("redacted");
    }

    @Test
    void badTextAndLengthAreRefused() {
        assertThatThrownBy(() -> StaticKey.fromFileText("not a key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BEGIN OpenVPN Static key V1");
        assertThatThrownBy(() -> StaticKey.of(new byte[255])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyDirections() {
        assertThat(KeyDirection.forTlsAuth(OptionalInt.of(0))).isEqualTo(KeyDirection.NORMAL);
        assertThat(KeyDirection.forTlsAuth(OptionalInt.of(1))).isEqualTo(KeyDirection.INVERSE);
        assertThat(KeyDirection.forTlsAuth(OptionalInt.empty())).isEqualTo(KeyDirection.BIDIRECTIONAL);
        assertThatThrownBy(() -> KeyDirection.forTlsAuth(OptionalInt.of(2))).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyDirection.forTlsCrypt(Role.SERVER)).isEqualTo(KeyDirection.NORMAL);
        assertThat(KeyDirection.forTlsCrypt(Role.CLIENT)).isEqualTo(KeyDirection.INVERSE);
        assertThat(KeyDirection.NORMAL.sendKeyIndex()).isZero();
        assertThat(KeyDirection.NORMAL.receiveKeyIndex()).isOne();
        assertThat(KeyDirection.INVERSE.sendKeyIndex()).isOne();
        assertThat(KeyDirection.INVERSE.receiveKeyIndex()).isZero();
        assertThat(KeyDirection.BIDIRECTIONAL.sendKeyIndex()).isZero();
        assertThat(KeyDirection.BIDIRECTIONAL.receiveKeyIndex()).isZero();
    }

    @Test
    void digestNames() {
        assertThat(TlsAuthDigest.fromName("SHA1")).contains(TlsAuthDigest.SHA1);
        assertThat(TlsAuthDigest.fromName("sha256")).contains(TlsAuthDigest.SHA256);
        assertThat(TlsAuthDigest.fromName(" SHA-512 ")).contains(TlsAuthDigest.SHA512);
        assertThat(TlsAuthDigest.fromName("MD5")).isEmpty();
        assertThat(TlsAuthDigest.SHA1.length()).isEqualTo(20);
        assertThat(TlsAuthDigest.SHA256.length()).isEqualTo(32);
        assertThat(TlsAuthDigest.SHA512.length()).isEqualTo(64);
    }
}

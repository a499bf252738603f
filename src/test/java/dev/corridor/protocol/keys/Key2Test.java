package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Key2Test {
    private static byte[] counting() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void partsFollowStructKey2Layout() {
        Key2 key = Key2.of(counting());
        assertThat(key.clientToServerCipher()).isEqualTo(Arrays.copyOfRange(counting(), 0, 64));
        assertThat(key.clientToServerHmac()).isEqualTo(Arrays.copyOfRange(counting(), 64, 128));
        assertThat(key.serverToClientCipher()).isEqualTo(Arrays.copyOfRange(counting(), 128, 192));
        assertThat(key.serverToClientHmac()).isEqualTo(Arrays.copyOfRange(counting(), 192, 256));
        assertThat(key.cipherPart(1)).isEqualTo(key.serverToClientCipher());
        assertThat(key.hmacPart(0)).isEqualTo(key.clientToServerHmac());
    }

    @Test
    void clientSendsWithKeyZeroAndServerWithKeyOne() {
        Key2 key = Key2.of(counting());
        assertThat(key.sendCipher(Role.CLIENT)).isEqualTo(key.cipherPart(0));
        assertThat(key.sendHmac(Role.CLIENT)).isEqualTo(key.hmacPart(0));
        assertThat(key.receiveCipher(Role.CLIENT)).isEqualTo(key.cipherPart(1));
        assertThat(key.receiveHmac(Role.CLIENT)).isEqualTo(key.hmacPart(1));
        assertThat(key.sendCipher(Role.SERVER)).isEqualTo(key.cipherPart(1));
        assertThat(key.receiveHmac(Role.SERVER)).isEqualTo(key.hmacPart(0));
    }

    @Test
    void xorCombinesByteByByte() {
        byte[] ones = new byte[256];
        Arrays.fill(ones, (byte) 0xFF);
        byte[] result = Key2.of(counting()).xor(Key2.of(ones)).bytes();
        for (int i = 0; i < 256; i++) {
            assertThat(result[i]).isEqualTo((byte) ~i);
        }
    }

    @Test
    void accessorsHandOutCopiesAndInputIsCopied() {
        byte[] input = counting();
        Key2 key = Key2.of(input);
        input[0] = 99;
        key.bytes()[1] = 99;
        key.cipherPart(0)[2] = 99;
        assertThat(key.bytes()).isEqualTo(counting());
    }

    @Test
    void wipeZeroesAndBlocksAccess() {
        Key2 key = Key2.of(counting());
        key.wipe();
        assertThat(key.isWiped()).isTrue();
        assertThatThrownBy(key::bytes).isInstanceOf(IllegalStateException.class);
        assertThat(key).hasToString("Key2[wiped]");
    }

    @Test
    void toStringNeverShowsBytes() {
        assertThat(Key2.of(counting()).toString()).isEqualTo("Key2[redacted]");
    }

    @Test
    void refusesWrongLengthAndIndex() {
        assertThatThrownBy(() -> Key2.of(new byte[255])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Key2.of(counting()).cipherPart(2)).isInstanceOf(IllegalArgumentException.class);
    }
}

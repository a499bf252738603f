package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** key2 is split as in OpenVPN's init_key_contexts: client NORMAL, server INVERSE (protocol.md §4.6). */
class DataKeysTest {

    private static final byte[] KEY2 = DataChannelFixtures.KEY2;

    @Test
    void clientSendsWithKeyZeroAndReceivesWithKeyOne() {
        DataKeys keys = DataKeys.fromKey2(KEY2, Role.CLIENT);
        assertThat(keys.outgoing().cipherKey(64)).isEqualTo(Arrays.copyOfRange(KEY2, 0, 64));
        assertThat(keys.outgoing().hmacKey(64)).isEqualTo(Arrays.copyOfRange(KEY2, 64, 128));
        assertThat(keys.incoming().cipherKey(64)).isEqualTo(Arrays.copyOfRange(KEY2, 128, 192));
        assertThat(keys.incoming().hmacKey(64)).isEqualTo(Arrays.copyOfRange(KEY2, 192, 256));
    }

    @Test
    void serverIsTheMirrorImage() {
        DataKeys client = DataKeys.fromKey2(KEY2, Role.CLIENT);
        DataKeys server = DataKeys.fromKey2(KEY2, Role.SERVER);
        assertThat(server.outgoing().cipherKey(64)).isEqualTo(client.incoming().cipherKey(64));
        assertThat(server.outgoing().hmacKey(64)).isEqualTo(client.incoming().hmacKey(64));
        assertThat(server.incoming().cipherKey(64)).isEqualTo(client.outgoing().cipherKey(64));
        assertThat(server.role()).isEqualTo(Role.SERVER);
    }

    @Test
    void keysArePrefixesOfTheParts() {
        DataKeys keys = DataKeys.fromKey2(KEY2, Role.CLIENT);
        assertThat(keys.outgoing().cipherKey(16)).isEqualTo(Arrays.copyOfRange(KEY2, 0, 16));
        assertThat(keys.outgoing().hmacKey(8)).isEqualTo(Arrays.copyOfRange(KEY2, 64, 72));
    }

    @Test
    void copiesItsInputAndCanBeWiped() {
        byte[] key2 = KEY2.clone();
        DataKeys keys = DataKeys.fromKey2(key2, Role.CLIENT);
        Arrays.fill(key2, (byte) 0x55);
        assertThat(keys.outgoing().cipherKey(4)).containsExactly(0, 1, 2, 3);
        keys.wipe();
        assertThat(keys.outgoing().cipherKey(64)).containsOnly(0);
        assertThat(keys.incoming().hmacKey(64)).containsOnly(0);
    }

    @Test
    void refusesWrongLengths() {
        assertThatThrownBy(() -> DataKeys.fromKey2(new byte[255], Role.CLIENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DirectionKeys(new byte[64], new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsKeyMaterial() {
        DataKeys keys = DataKeys.fromKey2(KEY2, Role.SERVER);
        assertThat(keys.toString()).contains("redacted").doesNotContain("0, 1, 2");
        assertThat(keys.outgoing().toString()).isEqualTo("DirectionKeys[redacted]");
    }
}

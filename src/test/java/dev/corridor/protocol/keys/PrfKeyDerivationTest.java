package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

class PrfKeyDerivationTest {
    private static final byte[] CLIENT_SID = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] SERVER_SID = {(byte) 0xA1, (byte) 0xA2, (byte) 0xA3, (byte) 0xA4, (byte) 0xA5,
            (byte) 0xA6, (byte) 0xA7, (byte) 0xA8};

    static byte[] filled(int length, int start) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (start + i);
        }
        return bytes;
    }

    static KeySource client() {
        return KeySource.client(filled(48, 0x00), filled(32, 0x40), filled(32, 0x60));
    }

    static KeySource server() {
        return KeySource.server(filled(32, 0x80), filled(32, 0xA0));
    }

    @Test
    void matchesAnIndependentComputationWithBouncyCastlesTls10Prf() {
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        TlsSecret master = crypto.createSecret(filled(48, 0x00)).deriveUsingPRF(PRFAlgorithm.tls_prf_legacy,
                "OpenVPN master secret", OpenVpnPrfTest.concat(filled(32, 0x40), filled(32, 0x80)), 48);
        byte[] expected = master.deriveUsingPRF(PRFAlgorithm.tls_prf_legacy, "OpenVPN key expansion",
                OpenVpnPrfTest.concat(filled(32, 0x60), filled(32, 0xA0), CLIENT_SID, SERVER_SID), 256).extract();

        Key2 key2 = PrfKeyDerivation.deriveKey2(client(), server(), CLIENT_SID, SERVER_SID);

        assertThat(key2.bytes()).isEqualTo(expected);
    }

    @Test
    void masterSecretIsThePrfOfPreMasterAndBothRandom1s() {
        byte[] seed = OpenVpnPrfTest.concat("OpenVPN master secret".getBytes(StandardCharsets.US_ASCII),
                filled(32, 0x40), filled(32, 0x80));
        assertThat(PrfKeyDerivation.masterSecret(client(), server()))
                .isEqualTo(OpenVpnPrf.prf(filled(48, 0x00), seed, 48));
    }

    @Test
    void sessionIdsEnterInClientServerOrder() {
        Key2 right = PrfKeyDerivation.deriveKey2(client(), server(), CLIENT_SID, SERVER_SID);
        Key2 swapped = PrfKeyDerivation.deriveKey2(client(), server(), SERVER_SID, CLIENT_SID);
        assertThat(right.sameBytesAs(swapped)).isFalse();
    }

    @Test
    void everyInputChangesTheResult() {
        Key2 base = PrfKeyDerivation.deriveKey2(client(), server(), CLIENT_SID, SERVER_SID);
        Key2 otherServerRandom2 = PrfKeyDerivation.deriveKey2(client(),
                KeySource.server(filled(32, 0x80), filled(32, 0xA1)), CLIENT_SID, SERVER_SID);
        Key2 otherPreMaster = PrfKeyDerivation.deriveKey2(KeySource.client(filled(48, 1), filled(32, 0x40),
                filled(32, 0x60)), server(), CLIENT_SID, SERVER_SID);
        assertThat(base.sameBytesAs(otherServerRandom2)).isFalse();
        assertThat(base.sameBytesAs(otherPreMaster)).isFalse();
    }

    @Test
    void bothEndsOfARealExchangeDeriveTheSameKeys() {
        SecureRandom random = new SecureRandom();
        KeySource clientSource = KeySource.random(Role.CLIENT, random);
        KeySource serverSource = KeySource.random(Role.SERVER, random);
        byte[] clientWire = KeyMethod2Writer.encode(KeyMethod2Message.withCredentials(clientSource, "V4", "u",
                "p".toCharArray(), ""), KeyMethod2Framing.STOCK);
        byte[] serverWire = KeyMethod2Writer.encode(KeyMethod2Message.withoutCredentials(serverSource, "V4", ""),
                KeyMethod2Framing.STOCK);

        KeyMethod2Message atServer = ((KeyMethod2ReadResult.Complete) KeyMethod2Reader.forMessageFrom(Role.CLIENT)
                .feed(clientWire)).message();
        KeyMethod2Message atClient = ((KeyMethod2ReadResult.Complete) KeyMethod2Reader.forMessageFrom(Role.SERVER)
                .feed(serverWire)).message();

        Key2 clientKeys = PrfKeyDerivation.deriveKey2(clientSource, atClient.keySource(), CLIENT_SID, SERVER_SID);
        Key2 serverKeys = PrfKeyDerivation.deriveKey2(atServer.keySource(), serverSource, CLIENT_SID, SERVER_SID);
        assertThat(clientKeys.sameBytesAs(serverKeys)).isTrue();
        assertThat(clientKeys.sendCipher(Role.CLIENT)).isEqualTo(serverKeys.receiveCipher(Role.SERVER));
    }

    @Test
    void refusesSwappedKeySourcesAndBadSessionIds() {
        assertThatThrownBy(() -> PrfKeyDerivation.deriveKey2(server(), client(), CLIENT_SID, SERVER_SID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrfKeyDerivation.deriveKey2(client(), server(), new byte[7], SERVER_SID))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS-EKM over a real in-memory TLS 1.3 handshake (BouncyCastle, external PSK + ECDHE): both ends
 * must derive the same key2, and it must equal an independent RFC 8446 §7.5 exporter computation
 * from the handshake's exporter_master_secret.
 */
class TlsEkmDerivationTest {

    @ParameterizedTest
    @ValueSource(ints = {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384})
    void bothEndsAgreeAndMatchTheRfc8446ExporterMath(int cipherSuite) throws Exception {
        byte[] psk = new byte[32];
        Arrays.fill(psk, (byte) 7);
        InMemoryTlsPair pair = InMemoryTlsPair.handshake(psk, cipherSuite);

        Key2 clientKeys = TlsEkmDerivation.deriveKey2(pair.clientCaptured);
        Key2 serverKeys = TlsEkmDerivation.deriveKey2(pair.serverCaptured);

        assertThat(clientKeys.sameBytesAs(serverKeys)).isTrue();
        byte[] independent = tls13Exporter(pair.hashName, pair.clientExporterMasterSecret,
                TlsEkmDerivation.DATA_KEYS_LABEL, 256);
        assertThat(clientKeys.bytes()).isEqualTo(independent);
        assertThat(clientKeys.sendCipher(Role.CLIENT)).isEqualTo(serverKeys.receiveCipher(Role.SERVER));
    }

    @Test
    void dynamicTlsCryptKeyUsesItsOwnLabelAndXorsTheConfiguredKey() throws Exception {
        InMemoryTlsPair pair = InMemoryTlsPair.handshake(new byte[32], CipherSuite.TLS_AES_128_GCM_SHA256);
        byte[] exported = tls13Exporter(pair.hashName, pair.clientExporterMasterSecret,
                TlsEkmDerivation.DYNAMIC_TLS_CRYPT_LABEL, 256);

        Key2 plain = TlsEkmDerivation.deriveDynamicTlsCryptKey(pair.clientCaptured, null);
        assertThat(plain.bytes()).isEqualTo(exported);
        assertThat(plain.sameBytesAs(TlsEkmDerivation.deriveKey2(pair.clientCaptured))).isFalse();

        byte[] configured = new byte[256];
        Arrays.fill(configured, (byte) 0x5A);
        Key2 mixed = TlsEkmDerivation.deriveDynamicTlsCryptKey(pair.serverCaptured, Key2.of(configured));
        for (int i = 0; i < 256; i++) {
            assertThat(mixed.bytes()[i]).isEqualTo((byte) (exported[i] ^ 0x5A));
        }
    }

    @Test
    void capturedMaterialServesOnlyWhatWasCapturedAndCanBeWiped() throws Exception {
        InMemoryTlsPair pair = InMemoryTlsPair.handshake(new byte[32], CipherSuite.TLS_AES_128_GCM_SHA256);
        CapturedKeyingMaterial captured = pair.clientCaptured;
        assertThatThrownBy(() -> captured.export("EXPORTER-OpenVPN-p2p-peerid", 3))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> captured.export(TlsEkmDerivation.DATA_KEYS_LABEL, 16))
                .isInstanceOf(IllegalStateException.class);
        assertThat(captured.toString()).doesNotContainPattern("[0-9a-f]{8}");
        captured.wipe();
        assertThatThrownBy(() -> TlsEkmDerivation.deriveKey2(captured)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anExporterThatReturnsTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> TlsEkmDerivation.deriveKey2((label, length) -> new byte[length - 1]))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TlsEkmDerivation.deriveKey2((label, length) -> null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void derivationAsksForTheRightLabelAndLength() {
        String[] asked = new String[1];
        TlsEkmDerivation.deriveKey2((label, length) -> {
            asked[0] = label + "/" + length;
            return new byte[length];
        });
        assertThat(asked[0]).isEqualTo("EXPORTER-OpenVPN-datakeys/256");
    }

    /**
     * RFC 8446 §7.5: TLS-Exporter(label, context, L) =
     * HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""), "exporter", Hash(context), L),
     * with no context being the same as an empty one.
     */
    static byte[] tls13Exporter(String hash, byte[] exporterMasterSecret, String label, int length) throws Exception {
        byte[] emptyHash = MessageDigest.getInstance(hash).digest(new byte[0]);
        byte[] derived = hkdfExpandLabel(hash, exporterMasterSecret, label, emptyHash, emptyHash.length);
        return hkdfExpandLabel(hash, derived, "exporter", emptyHash, length);
    }

    private static byte[] hkdfExpandLabel(String hash, byte[] secret, String label, byte[] context, int length)
            throws Exception {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(length >>> 8);
        info.write(length);
        info.write(fullLabel.length);
        info.write(fullLabel);
        info.write(context.length);
        info.write(context);
        String macName = hash.equals("SHA-384") ? "HmacSHA384" : "HmacSHA256";
        Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(secret, macName));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] previous = new byte[0];
        for (int counter = 1; out.size() < length; counter++) {
            mac.update(previous);
            mac.update(info.toByteArray());
            mac.update((byte) counter);
            previous = mac.doFinal();
            out.write(previous);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }
}

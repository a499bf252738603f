package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

class OpenVpnPrfTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void knownAnswerFromOpenVpnSelfCheck() {
        // protocol.md §4.4, 2.x crypto.c check_tls_prf_working
        byte[] out = OpenVpnPrf.prf(ascii("tls1-prf-test-secret"), ascii("tls1-prf-test"), 8);
        assertThat(HEX.formatHex(out)).isEqualTo("7144fe2540737595");
    }

    @Test
    void knownAnswerFromOpenVpnUnitTests() {
        // 2.x tests/unit_tests/openvpn/test_crypto.c crypto_test_tls_prf: 32 bytes
        byte[] secret = ascii("Lorem ipsum dolor sit amet, consectetur adipisici elit, sed eiusmod tempor incidunt "
                + "ut labore et dolore magna aliqua.");
        byte[] seed = ascii("Quis aute iure reprehenderit in voluptate velit esse cillum dolore");
        assertThat(HEX.formatHex(OpenVpnPrf.prf(secret, seed, 32)))
                .isEqualTo("d98c8518c85e946927916acfc2d592fbb1567e4b4b1459e6a904ac2ddab72d67");
    }

    @Test
    void agreesWithBouncyCastlesLegacyPrfForOddAndEvenSecretsAndManyLengths() {
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        Random random = new Random(42);
        for (int secretLength : new int[] {1, 2, 5, 47, 48, 49, 100}) {
            byte[] secret = new byte[secretLength];
            random.nextBytes(secret);
            byte[] randoms = new byte[64];
            random.nextBytes(randoms);
            for (int length : new int[] {1, 15, 16, 20, 48, 63, 256, 301}) {
                byte[] theirs = crypto.createSecret(secret)
                        .deriveUsingPRF(PRFAlgorithm.tls_prf_legacy, "OpenVPN key expansion", randoms, length).extract();
                byte[] seed = concat(ascii("OpenVPN key expansion"), randoms);
                assertThat(OpenVpnPrf.prf(secret, seed, length))
                        .as("secret %d bytes, output %d bytes", secretLength, length).isEqualTo(theirs);
            }
        }
    }

    @Test
    void shorterOutputIsAPrefixOfLongerOutput() {
        byte[] long256 = OpenVpnPrf.prf(ascii("secret"), ascii("seed"), 256);
        assertThat(OpenVpnPrf.prf(ascii("secret"), ascii("seed"), 48)).isEqualTo(Arrays.copyOf(long256, 48));
    }

    @Test
    void emptySecretWorksLikeHmacWithAnEmptyKey() throws Exception {
        javax.crypto.Mac md5 = javax.crypto.Mac.getInstance("HmacMD5");
        md5.init(new javax.crypto.spec.SecretKeySpec(new byte[1], "HmacMD5"));
        byte[] a1 = md5.doFinal(ascii("seed"));
        md5.update(a1);
        byte[] expectedMd5 = md5.doFinal(ascii("seed"));
        javax.crypto.Mac sha1 = javax.crypto.Mac.getInstance("HmacSHA1");
        sha1.init(new javax.crypto.spec.SecretKeySpec(new byte[1], "HmacSHA1"));
        byte[] b1 = sha1.doFinal(ascii("seed"));
        sha1.update(b1);
        byte[] expectedSha1 = sha1.doFinal(ascii("seed"));
        byte[] expected = new byte[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = (byte) (expectedMd5[i] ^ expectedSha1[i]);
        }
        assertThat(OpenVpnPrf.prf(new byte[0], ascii("seed"), 16)).isEqualTo(expected);
    }

    @Test
    void zeroLengthOutputIsEmpty() {
        assertThat(OpenVpnPrf.prf(ascii("s"), ascii("t"), 0)).isEmpty();
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}

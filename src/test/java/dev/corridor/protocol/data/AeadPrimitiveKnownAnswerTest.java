package dev.corridor.protocol.data;

import static dev.corridor.protocol.data.DataChannelFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Published vectors for Corridor's own AEAD primitives: the test cases of the GCM specification
 * (McGrew and Viega, as reproduced in NIST's GCM validation material) and the examples of RFC 8439
 * §2.4.2 (ChaCha20), §2.5.2 (Poly1305) and §2.8.2 (the AEAD).
 */
class AeadPrimitiveKnownAnswerTest {

    private static final String GCM_P60 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
    private static final String GCM_A20 = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private static final String SUNSCREEN = "Ladies and Gentlemen of the class of '99: If I could offer you only one"
            + " tip for the future, sunscreen would be it.";

    static Stream<Arguments> gcmCases() {
        String zero16 = "00000000000000000000000000000000";
        String zero12 = "000000000000000000000000";
        return Stream.of(
                Arguments.of("case 1", zero16, zero12, "", "", "", "58e2fccefa7e3061367f1d57a4e7455a"),
                Arguments.of("case 2", zero16, zero12, zero16, "", "0388dace60b6a392f328c2b971b2fe78",
                        "ab6e47d42cec13bdf53a67b21257bddf"),
                Arguments.of("case 4", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", GCM_P60,
                        GCM_A20, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
                        "5bc94fbc3221a5db94fae95ae7121a47"),
                Arguments.of("case 13", zero16 + zero16, zero12, "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"),
                Arguments.of("case 14", zero16 + zero16, zero12, zero16, "", "cea7403d4d606b6e074ec5d3baf39d18",
                        "d0d1c8a799996bf0265b98b5d48ab919"),
                Arguments.of("case 16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
                        "cafebabefacedbaddecaf888", GCM_P60, GCM_A20,
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                        "76fc6ece0f4e1768cddf8853bb2d551b"));
    }

    @ParameterizedTest(name = "GCM {0}")
    @MethodSource("gcmCases")
    void aesGcmMatchesTheGcmSpecification(String name, String key, String iv, String plaintext, String aad,
            String ciphertext, String tag) {
        check(new AesGcm(hex(key)), hex(iv), hex(aad), hex(plaintext), hex(ciphertext), hex(tag));
    }

    @Test
    void chaCha20Poly1305MatchesRfc8439Section2_8_2() {
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        check(new ChaCha20Poly1305(key), hex("070000004041424344454647"), hex("50515253c0c1c2c3c4c5c6c7"),
                SUNSCREEN.getBytes(StandardCharsets.US_ASCII),
                hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                        + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                        + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                        + "3ff4def08e4b7a9de576d26586cec64b6116"),
                hex("1ae10b594f09e26a7e902ecbd0600691"));
    }

    @Test
    void chaCha20MatchesRfc8439Section2_4_2() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        byte[] plaintext = SUNSCREEN.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[plaintext.length];
        // nonce 00000000 0000004a 00000000 as little-endian words, block counter 1
        new ChaCha20(key).xor(0, 0x4a000000, 0, 1, plaintext, 0, plaintext.length, out, 0);
        assertThat(out).isEqualTo(hex("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d"));
    }

    @Test
    void poly1305MatchesRfc8439Section2_5_2() {
        Poly1305 poly = new Poly1305();
        poly.start(hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"), 0);
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        poly.update(message, 0, message.length);
        byte[] tag = new byte[16];
        poly.finish(tag, 0);
        assertThat(tag).isEqualTo(hex("a8061dc1305136c6c22b8baf0c0127a9"));
    }

    /** Seals at an offset, compares, opens, and checks that a one-bit change anywhere is refused. */
    private static void check(AeadPrimitive aead, byte[] nonce, byte[] aad, byte[] plaintext, byte[] ciphertext,
            byte[] tag) {
        int offset = 3;
        byte[] in = new byte[offset + plaintext.length];
        System.arraycopy(plaintext, 0, in, offset, plaintext.length);
        byte[] out = new byte[offset + plaintext.length + 5];
        byte[] tagOut = new byte[16 + offset];
        aead.seal(nonce, aad, 0, aad.length, in, offset, plaintext.length, out, offset, tagOut, offset);
        assertThat(Arrays.copyOfRange(out, offset, offset + plaintext.length)).isEqualTo(ciphertext);
        assertThat(Arrays.copyOfRange(tagOut, offset, offset + 16)).isEqualTo(tag);

        byte[] opened = new byte[plaintext.length];
        assertThat(aead.open(nonce, aad, 0, aad.length, ciphertext, 0, ciphertext.length, tag, 0, opened, 0)).isTrue();
        assertThat(opened).isEqualTo(plaintext);

        byte[] untouched = new byte[plaintext.length];
        Arrays.fill(untouched, (byte) 0x5a);
        for (int bit = 0; bit < 8 * tag.length; bit += 7) {
            byte[] badTag = tag.clone();
            badTag[bit / 8] ^= (byte) (1 << (bit % 8));
            byte[] target = untouched.clone();
            assertThat(aead.open(nonce, aad, 0, aad.length, ciphertext, 0, ciphertext.length, badTag, 0, target, 0))
                    .isFalse();
            assertThat(target).isEqualTo(untouched);
        }
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] badCiphertext = ciphertext.clone();
            badCiphertext[i] ^= 0x01;
            assertThat(aead.open(nonce, aad, 0, aad.length, badCiphertext, 0, badCiphertext.length, tag, 0,
                    new byte[plaintext.length], 0)).isFalse();
        }
        for (int i = 0; i < aad.length; i++) {
            byte[] badAad = aad.clone();
            badAad[i] ^= (byte) 0x80;
            assertThat(aead.open(nonce, badAad, 0, badAad.length, ciphertext, 0, ciphertext.length, tag, 0,
                    new byte[plaintext.length], 0)).isFalse();
        }
        byte[] otherNonce = nonce.clone();
        otherNonce[11] ^= 1;
        assertThat(aead.open(otherNonce, aad, 0, aad.length, ciphertext, 0, ciphertext.length, tag, 0,
                new byte[plaintext.length], 0)).isFalse();
    }
}

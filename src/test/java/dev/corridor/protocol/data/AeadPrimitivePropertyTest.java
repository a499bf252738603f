package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Corridor's AEAD primitives agree with SunJCE on random keys, nonces, AAD and lengths (both ways:
 * what one seals the other opens), and refuse what SunJCE refuses after a one-bit change.
 */
class AeadPrimitivePropertyTest {

    enum Algorithm {
        AES_128_GCM(16), AES_256_GCM(32), CHACHA20_POLY1305(32);

        final int keyLength;

        Algorithm(int keyLength) {
            this.keyLength = keyLength;
        }

        AeadPrimitive primitive(byte[] key) {
            return this == CHACHA20_POLY1305 ? new ChaCha20Poly1305(key) : new AesGcm(key);
        }

        Cipher jce(int mode, byte[] key, byte[] nonce) throws Exception {
            if (this == CHACHA20_POLY1305) {
                Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
                cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
                return cipher;
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            return cipher;
        }
    }

    @Property(tries = 300)
    void sealsExactlyAsSunJce(@ForAll Algorithm algorithm, @ForAll @Size(32) byte[] keyMaterial,
            @ForAll @Size(12) byte[] nonce, @ForAll @Size(max = 40) byte[] aad,
            @ForAll @Size(max = 1600) byte[] plaintext, @ForAll @IntRange(max = 20) int offset) throws Exception {
        byte[] key = Arrays.copyOf(keyMaterial, algorithm.keyLength);
        Cipher jce = algorithm.jce(Cipher.ENCRYPT_MODE, key, nonce);
        jce.updateAAD(aad);
        byte[] expected = jce.doFinal(plaintext);

        byte[] in = new byte[offset + plaintext.length];
        System.arraycopy(plaintext, 0, in, offset, plaintext.length);
        byte[] out = new byte[offset + plaintext.length + 16];
        AeadPrimitive aead = algorithm.primitive(key);
        for (int round = 0; round < 2; round++) { // a second message on the same instance: no state left over
            aead.seal(nonce, aad, 0, aad.length, in, offset, plaintext.length, out, offset, out,
                    offset + plaintext.length);
            assertThat(Arrays.copyOfRange(out, offset, out.length)).isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void opensWhatSunJceSealsAndRefusesAnyFlippedBit(@ForAll Algorithm algorithm,
            @ForAll @Size(32) byte[] keyMaterial, @ForAll @Size(12) byte[] nonce, @ForAll @Size(max = 40) byte[] aad,
            @ForAll @Size(max = 1600) byte[] plaintext, @ForAll @IntRange(min = 0, max = 100_000) int flip)
            throws Exception {
        byte[] key = Arrays.copyOf(keyMaterial, algorithm.keyLength);
        Cipher jce = algorithm.jce(Cipher.ENCRYPT_MODE, key, nonce);
        jce.updateAAD(aad);
        byte[] sealed = jce.doFinal(plaintext);
        int length = plaintext.length;
        AeadPrimitive aead = algorithm.primitive(key);

        byte[] opened = new byte[length];
        assertThat(aead.open(nonce, aad, 0, aad.length, sealed, 0, length, sealed, length, opened, 0)).isTrue();
        assertThat(opened).isEqualTo(plaintext);

        // one bit flipped somewhere in AAD ‖ ciphertext ‖ tag: both implementations refuse it
        byte[] badAad = aad.clone();
        byte[] badSealed = sealed.clone();
        int bit = flip % (8 * (aad.length + sealed.length));
        if (bit < 8 * aad.length) {
            badAad[bit / 8] ^= (byte) (1 << (bit % 8));
        } else {
            bit -= 8 * aad.length;
            badSealed[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        byte[] untouched = new byte[length];
        Arrays.fill(untouched, (byte) 0x33);
        byte[] target = untouched.clone();
        assertThat(aead.open(nonce, badAad, 0, badAad.length, badSealed, 0, length, badSealed, length, target, 0))
                .isFalse();
        assertThat(target).isEqualTo(untouched);
        Cipher jceOpen = algorithm.jce(Cipher.DECRYPT_MODE, key, nonce);
        jceOpen.updateAAD(badAad);
        boolean jceRefused;
        try {
            jceOpen.doFinal(badSealed);
            jceRefused = false;
        } catch (AEADBadTagException expected) {
            jceRefused = true;
        }
        assertThat(jceRefused).isTrue();
    }
}

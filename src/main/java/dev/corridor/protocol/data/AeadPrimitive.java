package dev.corridor.protocol.data;

/**
 * An AEAD cipher with a fixed key and a 12-byte nonce that can seal and open any number of
 * messages without re-initialisation and without allocating (unlike a JCE {@code Cipher}, which
 * needs an {@code init} per nonce). One instance per direction, used by one thread.
 *
 * <p>The tag is read and written at its own position, so OpenVPN's wire order
 * ({@code tag ‖ ciphertext}) needs no copying.
 */
sealed interface AeadPrimitive permits AesGcm, ChaCha20Poly1305 {
    /** Bytes of the nonce. */
    int NONCE_LENGTH = 12;
    /** Bytes of the tag. */
    int TAG_LENGTH = 16;

    /**
     * Encrypts {@code length} bytes of {@code in} into {@code out} and writes the 16-byte tag.
     * {@code out} may be {@code in} at the same offset; the tag and the AAD must not overlap the output.
     */
    void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length,
            byte[] out, int outOffset, byte[] tag, int tagOffset);

    /**
     * Checks the tag over AAD and ciphertext (in constant time) and only then decrypts into
     * {@code out}. Answers false for a forged message, leaving {@code out} untouched.
     */
    boolean open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length,
            byte[] tag, int tagOffset, byte[] out, int outOffset);
}

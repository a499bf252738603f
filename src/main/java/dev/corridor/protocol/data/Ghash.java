package dev.corridor.protocol.data;

/**
 * GCM's universal hash GHASH (NIST SP 800-38D §6.4) for one hash subkey H, keyed once and reused
 * for any number of messages without allocating.
 *
 * <pre>
 *  Y_0 = 0,  Y_i = (Y_{i-1} ⊕ X_i)·H  in GF(2^128), over the blocks
 *  X = A ‖ pad ‖ C ‖ pad ‖ BE64(8·|A|) ‖ BE64(8·|C|)
 *  result: hi = bytes 0..7 and lo = bytes 8..15 of Y, both big-endian
 * </pre>
 *
 * <p>Two implementations: {@link JdkGhash} (the JDK's CLMUL intrinsic, reached through a method
 * handle) and {@link TableGhash} (plain Java). {@link GhashImplementation#CHOSEN} picks one per
 * process.
 */
sealed interface Ghash permits JdkGhash, TableGhash {
    /** Bytes of a block. */
    int BLOCK = 16;

    /** A GHASH for {@code subkey} (16 bytes, not kept) from the implementation chosen for this process. */
    static Ghash forSubkey(byte[] subkey) {
        return GhashImplementation.CHOSEN.create(subkey);
    }

    /** Starts a new hash (Y_0 = 0). */
    void reset();

    /**
     * Hashes {@code length} bytes; a final partial block is padded with zeros, as GCM pads the AAD and
     * the ciphertext. So only the last call for each of the two may have a length that is not a
     * multiple of 16.
     */
    void update(byte[] data, int offset, int length);

    /** Hashes the final block: bit lengths of the AAD and of the ciphertext (64 bits each). */
    void updateLengths(long aadBytes, long ciphertextBytes);

    /** The high half (bytes 0..7, big-endian) of the current hash. */
    long hi();

    /** The low half (bytes 8..15, big-endian) of the current hash. */
    long lo();
}

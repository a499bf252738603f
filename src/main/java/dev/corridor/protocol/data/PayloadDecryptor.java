package dev.corridor.protocol.data;

/**
 * Authenticates and decrypts the crypto part of one incoming data packet; one instance per
 * direction and key, used by one thread. Never throws on bad input.
 *
 * <p>On success {@link #decrypt} answers {@code null} and the packet id and plaintext position are
 * read from {@link #packetId()}, {@link #plaintextOffset()} and {@link #plaintextLength()} (kept as
 * fields so that nothing is allocated per packet). On failure it answers the reason.
 */
sealed interface PayloadDecryptor permits AeadDecryptor, DirectAeadDecryptor, CbcHmacDecryptor {

    /** The shortest crypto part (after the header) that can be well-formed. */
    int minimumLength();

    /** How many bytes the output buffer must offer for a crypto part of this length. */
    int requiredOutputRoom(int cryptoLength);

    /**
     * @param packet       the whole packet; its header is {@code headerLength} bytes at {@code offset}
     * @param length       the whole packet length including the header; at least
     *                     {@code headerLength + minimumLength()}
     * @param out          receives the plaintext; at least {@link #requiredOutputRoom} bytes from
     *                     {@code outOffset}; must be a different array from {@code packet}
     * @return {@code null} when authentic (see the accessors), otherwise the reason to drop
     */
    DropReason decrypt(byte[] packet, int offset, int headerLength, int length, byte[] out, int outOffset);

    /** The packet id of the last successfully decrypted packet. */
    long packetId();

    /** Where in {@code out} the last plaintext starts (after any packet id and IV block). */
    int plaintextOffset();

    /** Length of the last plaintext (the framed payload, without packet id or padding). */
    int plaintextLength();
}

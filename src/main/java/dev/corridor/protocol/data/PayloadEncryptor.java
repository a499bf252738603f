package dev.corridor.protocol.data;

/**
 * Writes the crypto part of one outgoing data packet, after a header the caller has already
 * written; one instance per direction and key, used by one thread.
 */
sealed interface PayloadEncryptor permits AeadEncryptor, DirectAeadEncryptor, CbcHmacEncryptor {

    /** Exactly how many bytes {@link #encrypt} writes after the header for this payload length. */
    int sealedLength(int payloadLength);

    /**
     * How many bytes the packet buffer must offer after the header: {@link #sealedLength} plus any
     * working room the JCE needs (AEAD writes its tag behind the ciphertext before it is moved).
     */
    int requiredRoom(int payloadLength);

    /**
     * Encrypts and authenticates the payload into {@code packet} right after the header.
     *
     * @param packetId     the packet id for this packet, 1..0xFFFFFFFF
     * @param packet       holds the header at {@code headerOffset}; must not overlap the payload
     * @param headerLength 1 for P_DATA_V1, 4 for P_DATA_V2 (AEAD then authenticates the header)
     * @return the number of bytes written after the header ({@link #sealedLength})
     */
    int encrypt(long packetId, byte[] packet, int headerOffset, int headerLength,
            byte[] payload, int payloadOffset, int payloadLength);
}

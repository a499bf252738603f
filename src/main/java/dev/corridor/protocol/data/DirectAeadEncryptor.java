package dev.corridor.protocol.data;

/**
 * Seals payloads with an {@link AeadPrimitive} straight into OpenVPN's classic AEAD layout
 * (protocol.md §5.2): one primitive per direction, keyed once, nothing allocated per packet.
 *
 * <pre>
 *  packet: [header h][packet_id 4][tag 16][ciphertext n]
 *           ▲         ▲            ▲       ▲
 *           header    AD ends here tagAt   ciphertext written here directly
 *  nonce = packet_id (4, big-endian) ‖ implicit IV (8)
 *  AD    = header (DATA_V2 only) ‖ packet_id: contiguous in the packet
 * </pre>
 */
final class DirectAeadEncryptor implements PayloadEncryptor {
    private final AeadPrimitive primitive;
    /** packet_id (4) ‖ implicit IV (8); the first four bytes change per packet. */
    private final byte[] nonce = new byte[AeadCipher.IV_LENGTH];

    DirectAeadEncryptor(AeadCipher algorithm, DirectionKeys keys) {
        this.primitive = AeadPrimitives.create(algorithm, keys, nonce);
    }

    @Override
    public int sealedLength(int payloadLength) {
        return AeadCipher.PACKET_ID_LENGTH + AeadCipher.TAG_LENGTH + payloadLength;
    }

    @Override
    public int requiredRoom(int payloadLength) {
        return sealedLength(payloadLength);
    }

    @Override
    public int encrypt(long packetId, byte[] packet, int headerOffset, int headerLength,
            byte[] payload, int payloadOffset, int payloadLength) {
        int packetIdAt = headerOffset + headerLength;
        int tagAt = packetIdAt + AeadCipher.PACKET_ID_LENGTH;
        int ciphertextAt = tagAt + AeadCipher.TAG_LENGTH;
        int authenticatedHeader = headerLength == DataPacketHeader.V2_LENGTH ? headerLength : 0;
        BigEndian.writeUint32(packet, packetIdAt, packetId);
        BigEndian.writeUint32(nonce, 0, packetId);
        primitive.seal(nonce, packet, packetIdAt - authenticatedHeader,
                authenticatedHeader + AeadCipher.PACKET_ID_LENGTH,
                payload, payloadOffset, payloadLength, packet, ciphertextAt, packet, tagAt);
        return sealedLength(payloadLength);
    }
}

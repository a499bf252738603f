package dev.corridor.protocol.data;

/**
 * Opens packets in OpenVPN's classic AEAD layout (protocol.md §5.2) with an {@link AeadPrimitive}:
 * the tag is checked where it lies and the ciphertext decrypted straight into the output, so
 * nothing is copied or allocated per packet and a forged packet costs no exception.
 *
 * <pre>
 *  packet: [header h][packet_id 4][tag 16][ciphertext n]  ──open──▶  out[outOffset .. outOffset+n)
 * </pre>
 *
 * <p>{@code out} may be the packet array itself as long as the output does not start after the
 * ciphertext (decryption runs forwards, after the tag has been checked).
 */
final class DirectAeadDecryptor implements PayloadDecryptor {
    private static final int MINIMUM = AeadCipher.PACKET_ID_LENGTH + AeadCipher.TAG_LENGTH;

    private final AeadPrimitive primitive;
    private final byte[] nonce = new byte[AeadCipher.IV_LENGTH];
    private long packetId;
    private int plaintextOffset;
    private int plaintextLength;

    DirectAeadDecryptor(AeadCipher algorithm, DirectionKeys keys) {
        this.primitive = AeadPrimitives.create(algorithm, keys, nonce);
    }

    @Override
    public int minimumLength() {
        return MINIMUM;
    }

    @Override
    public int requiredOutputRoom(int cryptoLength) {
        return Math.max(cryptoLength - MINIMUM, 0);
    }

    @Override
    public DropReason decrypt(byte[] packet, int offset, int headerLength, int length, byte[] out, int outOffset) {
        int packetIdAt = offset + headerLength;
        int tagAt = packetIdAt + AeadCipher.PACKET_ID_LENGTH;
        int ciphertextAt = tagAt + AeadCipher.TAG_LENGTH;
        int ciphertextLength = offset + length - ciphertextAt;
        int authenticatedHeader = headerLength == DataPacketHeader.V2_LENGTH ? headerLength : 0;
        long id = BigEndian.readUint32(packet, packetIdAt);
        BigEndian.writeUint32(nonce, 0, id);
        boolean authentic = primitive.open(nonce, packet, packetIdAt - authenticatedHeader,
                authenticatedHeader + AeadCipher.PACKET_ID_LENGTH,
                packet, ciphertextAt, ciphertextLength, packet, tagAt, out, outOffset);
        if (!authentic) {
            return DropReason.AUTH_FAILED;
        }
        packetId = id;
        plaintextOffset = outOffset;
        plaintextLength = ciphertextLength;
        return null;
    }

    @Override
    public long packetId() {
        return packetId;
    }

    @Override
    public int plaintextOffset() {
        return plaintextOffset;
    }

    @Override
    public int plaintextLength() {
        return plaintextLength;
    }
}

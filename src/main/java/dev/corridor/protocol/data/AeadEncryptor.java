package dev.corridor.protocol.data;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals payloads with a JCE AEAD cipher in OpenVPN's classic layout, moving the tag that the JCE
 * appends to the ciphertext in front of it (protocol.md §5.2). Used for AES-GCM, where SunJCE's
 * intrinsics make it the fastest choice ({@link CipherEngines}); ChaCha20-Poly1305 normally uses
 * {@link DirectAeadEncryptor}.
 *
 * <pre>
 *  packet: [header h][packet_id 4][tag 16][ciphertext n] [working room 16]
 *           ▲                       ▲       ▲              ▲
 *           headerOffset            tagAt   ctAt           JCE writes the tag here first,
 *                                                          then it is copied to tagAt
 *  AD = header (DATA_V2 only) ‖ packet_id: contiguous in the packet, so one updateAAD call
 * </pre>
 *
 * <p>Allocation per packet: the JCE cannot re-key or re-nonce a {@link Cipher} without
 * {@code init}, and {@code init} needs an {@link AlgorithmParameterSpec}, so one small spec object
 * is allocated here (GCMParameterSpec / IvParameterSpec are immutable; a mutable subclass would save
 * only the spec itself, because the provider clones the IV anyway). Inside {@code init} SunJCE
 * allocates a copy of the key ({@code Key.getEncoded()}), a copy of the IV and its per-operation
 * GCM or ChaCha20/Poly1305 state. Measured with JMH {@code -prof gc} on JDK 17
 * (docs/benchmarks.md): about 0.93–1.12 KB per packet for AES-GCM and 1.24–1.30 KB for
 * ChaCha20-Poly1305, all of it inside the JCE. This class allocates nothing else.
 */
final class AeadEncryptor implements PayloadEncryptor {
    private final AeadCipher algorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;
    /** packet_id (4) ‖ implicit IV (8); the first four bytes change per packet. */
    private final byte[] nonce = new byte[AeadCipher.IV_LENGTH];

    AeadEncryptor(AeadCipher algorithm, DirectionKeys keys) {
        this.algorithm = algorithm;
        byte[] keyBytes = keys.cipherKey(algorithm.keyLength());
        byte[] implicitIv = keys.hmacKey(AeadCipher.IMPLICIT_IV_LENGTH);
        try {
            this.key = new SecretKeySpec(keyBytes, algorithm.keyAlgorithm());
            System.arraycopy(implicitIv, 0, nonce, AeadCipher.PACKET_ID_LENGTH, AeadCipher.IMPLICIT_IV_LENGTH);
            this.cipher = Jce.cipher(algorithm.transformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
            Arrays.fill(implicitIv, (byte) 0);
        }
    }

    @Override
    public int sealedLength(int payloadLength) {
        return AeadCipher.PACKET_ID_LENGTH + AeadCipher.TAG_LENGTH + payloadLength;
    }

    @Override
    public int requiredRoom(int payloadLength) {
        return sealedLength(payloadLength) + AeadCipher.TAG_LENGTH;
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
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, parameters(algorithm, nonce));
            cipher.updateAAD(packet, packetIdAt - authenticatedHeader,
                    authenticatedHeader + AeadCipher.PACKET_ID_LENGTH);
            cipher.doFinal(payload, payloadOffset, payloadLength, packet, ciphertextAt);
        } catch (GeneralSecurityException e) {
            // Only reachable through a programming error (buffer too small, nonce reuse): keys and
            // parameters were validated when this encryptor was built.
            throw new IllegalStateException(algorithm + " encryption failed", e);
        }
        System.arraycopy(packet, ciphertextAt + payloadLength, packet, tagAt, AeadCipher.TAG_LENGTH);
        return sealedLength(payloadLength);
    }

    /** The per-packet nonce parameters: GCM takes a tag length and IV, ChaCha20-Poly1305 only the nonce. */
    static AlgorithmParameterSpec parameters(AeadCipher algorithm, byte[] nonce) {
        return algorithm == AeadCipher.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(AeadCipher.TAG_LENGTH * 8, nonce);
    }
}

package dev.corridor.protocol.data;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens packets sealed with a JCE AEAD cipher in OpenVPN's classic layout (protocol.md §5.2). Used
 * for AES-GCM ({@link CipherEngines}); ChaCha20-Poly1305 normally uses {@link DirectAeadDecryptor}.
 *
 * <pre>
 *  packet:  [header h][packet_id 4][tag 16][ciphertext n]
 *  JCE wants ciphertext ‖ tag, so both are copied, reordered, into a reusable buffer:
 *  reordered: [ciphertext n][tag 16]  ──doFinal──▶  out[outOffset .. outOffset+n)
 * </pre>
 *
 * <p>Allocation per packet: as for {@link AeadEncryptor}, one parameter spec plus what SunJCE
 * allocates in {@code init}; SunJCE's ChaCha20-Poly1305 decryption also creates a fresh internal
 * buffer for the ciphertext on every {@code init}. Measured (docs/benchmarks.md): about
 * 1.06–1.15 KB per packet for AES-GCM and 2.36 KB for ChaCha20-Poly1305. The reordering buffer
 * here is allocated once and grows only for a packet larger than any before. A forged packet
 * costs one {@link AEADBadTagException}, which the JCE throws and this class catches.
 *
 * <p>SunJCE's ChaCha20-Poly1305 refuses to be initialised twice in a row with the same key and
 * nonce, even for decryption. A duplicate of the previous packet therefore gets one throw-away
 * {@code init} with a different nonce first, so that it is still authenticated and then rejected
 * by the replay window rather than failing here (and a forged packet cannot make a genuine one
 * with the same packet id undecryptable).
 */
final class AeadDecryptor implements PayloadDecryptor {
    private static final int MINIMUM = AeadCipher.PACKET_ID_LENGTH + AeadCipher.TAG_LENGTH;
    private static final long NO_INIT = -1;

    private final AeadCipher algorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[AeadCipher.IV_LENGTH];
    /** ciphertext ‖ tag of the current packet; grows to the largest packet seen. */
    private byte[] reordered = new byte[2048];
    /** The packet-id part of the nonce used by the last {@code init}, for the ChaCha20 duplicate guard. */
    private long lastInitNonceWord = NO_INIT;

    private long packetId;
    private int plaintextOffset;
    private int plaintextLength;

    AeadDecryptor(AeadCipher algorithm, DirectionKeys keys) {
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

        if (reordered.length < ciphertextLength + AeadCipher.TAG_LENGTH) {
            reordered = new byte[ciphertextLength + AeadCipher.TAG_LENGTH];
        }
        System.arraycopy(packet, ciphertextAt, reordered, 0, ciphertextLength);
        System.arraycopy(packet, tagAt, reordered, ciphertextLength, AeadCipher.TAG_LENGTH);

        long id = BigEndian.readUint32(packet, packetIdAt);
        try {
            if (algorithm == AeadCipher.CHACHA20_POLY1305 && id == lastInitNonceWord) {
                long decoy = id ^ 0x8000_0000L;
                initialise(decoy);
            }
            initialise(id);
            cipher.updateAAD(packet, packetIdAt - authenticatedHeader,
                    authenticatedHeader + AeadCipher.PACKET_ID_LENGTH);
            cipher.doFinal(reordered, 0, ciphertextLength + AeadCipher.TAG_LENGTH, out, outOffset);
        } catch (AEADBadTagException forged) {
            return DropReason.AUTH_FAILED;
        } catch (GeneralSecurityException e) {
            // Lengths were checked by the caller and the key by the constructor; anything else is a bug.
            throw new IllegalStateException(algorithm + " decryption failed unexpectedly", e);
        }
        packetId = id;
        plaintextOffset = outOffset;
        plaintextLength = ciphertextLength;
        return null;
    }

    private void initialise(long nonceWord) throws GeneralSecurityException {
        BigEndian.writeUint32(nonce, 0, nonceWord);
        cipher.init(Cipher.DECRYPT_MODE, key, AeadEncryptor.parameters(algorithm, nonce));
        lastInitNonceWord = nonceWord;
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

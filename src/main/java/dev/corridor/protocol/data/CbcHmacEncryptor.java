package dev.corridor.protocol.data;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals payloads with AES-CBC and an HMAC in OpenVPN's encrypt-then-MAC layout (protocol.md §5.4),
 * without re-initialising the cipher per packet.
 *
 * <pre>
 *  scratch (plaintext):  [nonce block 16][packet_id 4][payload n][padding p × p]   p = 1..16
 *                          salt 8 ‖ counter 8
 *        │ AES-CBC with IV = 0, initialised once (doFinal resets it to that IV)
 *        ▼
 *  packet: [header h][HMAC H][ C0 16 ][ C1 .. Ck ]
 *                             └─ IV ─┘└ CBC(packet_id ‖ payload ‖ padding) with IV = C0 ┘
 *          HMAC = HMAC(hmac key, C0 ‖ C1..Ck)
 * </pre>
 *
 * <p>Why this is ordinary CBC on the wire: with a zero IV the first output block is
 * {@code C0 = AES_K(nonce)}, and every later block is chained from it exactly as if {@code C0} had
 * been the IV. So the peer sees a standard random-looking IV followed by CBC ciphertext. Encrypting
 * a unique nonce under the data key is the IV-generation method of NIST SP 800-38A, Appendix C; the
 * nonce is a random per-instance salt plus a counter, so it never repeats under one key. This saves
 * a {@code SecureRandom} call and a {@code Cipher.init} per packet.
 *
 * <p>Allocation per packet: none. The HMAC is {@link Hmac} over a {@code MessageDigest}, which
 * writes into the packet (SunJCE's {@code Mac.doFinal} would allocate its result: 40, 48 or 80
 * bytes); the CBC cipher allocates nothing when input and output are different arrays and no
 * padding mode is used (which is why the padding is written here). The plaintext buffer grows only
 * for a payload larger than any before.
 */
final class CbcHmacEncryptor implements PayloadEncryptor {
    private final CbcHmacCipher algorithm;
    private final Cipher cbc;
    private final Hmac mac;
    private final int hmacLength;
    private final byte[] salt = new byte[8];
    private long nonceCounter;
    /** nonce block ‖ packet_id ‖ payload ‖ padding; grows to the largest payload seen. */
    private byte[] scratch = new byte[2048];

    CbcHmacEncryptor(CbcHmacCipher algorithm, DirectionKeys keys, SecureRandom random) {
        this.algorithm = algorithm;
        this.hmacLength = algorithm.digest().length();
        random.nextBytes(salt);
        byte[] cipherKey = keys.cipherKey(algorithm.keyLength());
        byte[] hmacKey = keys.hmacKey(hmacLength);
        try {
            this.cbc = Jce.cipher("AES/CBC/NoPadding");
            cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cipherKey, "AES"),
                    new IvParameterSpec(new byte[CbcHmacCipher.BLOCK]));
            this.mac = new Hmac(algorithm.digest(), hmacKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        } finally {
            Arrays.fill(cipherKey, (byte) 0);
            Arrays.fill(hmacKey, (byte) 0);
        }
    }

    /** Length of IV block plus CBC ciphertext of packet_id ‖ payload with PKCS#7 padding. */
    private static int cbcLength(int payloadLength) {
        int body = CbcHmacCipher.PACKET_ID_LENGTH + payloadLength;
        return CbcHmacCipher.BLOCK + (body / CbcHmacCipher.BLOCK + 1) * CbcHmacCipher.BLOCK;
    }

    @Override
    public int sealedLength(int payloadLength) {
        return hmacLength + cbcLength(payloadLength);
    }

    @Override
    public int requiredRoom(int payloadLength) {
        return sealedLength(payloadLength);
    }

    @Override
    public int encrypt(long packetId, byte[] packet, int headerOffset, int headerLength,
            byte[] payload, int payloadOffset, int payloadLength) {
        int total = cbcLength(payloadLength);
        if (scratch.length < total) {
            scratch = new byte[total];
        }
        System.arraycopy(salt, 0, scratch, 0, salt.length);
        BigEndian.writeUint64(scratch, salt.length, ++nonceCounter);
        BigEndian.writeUint32(scratch, CbcHmacCipher.BLOCK, packetId);
        int payloadAt = CbcHmacCipher.BLOCK + CbcHmacCipher.PACKET_ID_LENGTH;
        System.arraycopy(payload, payloadOffset, scratch, payloadAt, payloadLength);
        int paddingAt = payloadAt + payloadLength;
        Arrays.fill(scratch, paddingAt, total, (byte) (total - paddingAt));

        int hmacAt = headerOffset + headerLength;
        int ivAt = hmacAt + hmacLength;
        try {
            cbc.doFinal(scratch, 0, total, packet, ivAt);
            mac.compute(packet, ivAt, total, packet, hmacAt);
        } catch (GeneralSecurityException e) {
            // Only reachable through a programming error (buffer too small): the input is block-aligned.
            throw new IllegalStateException(algorithm + " encryption failed", e);
        }
        return hmacLength + total;
    }
}

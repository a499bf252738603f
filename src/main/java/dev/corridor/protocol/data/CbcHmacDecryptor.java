package dev.corridor.protocol.data;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens AES-CBC + HMAC packets (protocol.md §5.4): verifies the HMAC in constant time before
 * decrypting, then checks the PKCS#7 padding and reads the packet id.
 *
 * <pre>
 *  packet: [header h][HMAC H][IV 16][C1 .. Ck]
 *  1. HMAC(hmac key, IV ‖ C1..Ck) == HMAC field?    (constant-time; else AUTH_FAILED)
 *  2. AES-CBC decrypt IV ‖ C1..Ck with a zero IV, initialised once:
 *     out: [junk 16 (zeroed)][packet_id 4][payload][padding p × p]
 *          ▲ outOffset        ▲ +16        ▲ plaintextOffset
 * </pre>
 *
 * <p>Decrypting the IV block as if it were ciphertext yields a throw-away block, after which every
 * block is chained from the real IV: this is why the cipher never needs a per-packet {@code init}.
 * Allocation per packet: none ({@link Hmac} writes into {@code computedHmac}, allocated once).
 */
final class CbcHmacDecryptor implements PayloadDecryptor {
    private final CbcHmacCipher algorithm;
    private final Cipher cbc;
    private final Hmac mac;
    private final int hmacLength;
    private final byte[] computedHmac;

    private long packetId;
    private int plaintextOffset;
    private int plaintextLength;

    CbcHmacDecryptor(CbcHmacCipher algorithm, DirectionKeys keys) {
        this.algorithm = algorithm;
        this.hmacLength = algorithm.digest().length();
        this.computedHmac = new byte[hmacLength];
        byte[] cipherKey = keys.cipherKey(algorithm.keyLength());
        byte[] hmacKey = keys.hmacKey(hmacLength);
        try {
            this.cbc = Jce.cipher("AES/CBC/NoPadding");
            cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cipherKey, "AES"),
                    new IvParameterSpec(new byte[CbcHmacCipher.BLOCK]));
            this.mac = new Hmac(algorithm.digest(), hmacKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        } finally {
            Arrays.fill(cipherKey, (byte) 0);
            Arrays.fill(hmacKey, (byte) 0);
        }
    }

    @Override
    public int minimumLength() {
        return hmacLength + 2 * CbcHmacCipher.BLOCK;
    }

    @Override
    public int requiredOutputRoom(int cryptoLength) {
        return Math.max(cryptoLength - hmacLength, 0);
    }

    @Override
    public DropReason decrypt(byte[] packet, int offset, int headerLength, int length, byte[] out, int outOffset) {
        int hmacAt = offset + headerLength;
        int ivAt = hmacAt + hmacLength;
        int cbcLength = offset + length - ivAt;
        mac.compute(packet, ivAt, cbcLength, computedHmac, 0);
        if (!constantTimeEquals(computedHmac, packet, hmacAt, hmacLength)) {
            return DropReason.AUTH_FAILED;
        }
        if (cbcLength % CbcHmacCipher.BLOCK != 0) {
            return DropReason.MALFORMED;
        }
        try {
            cbc.doFinal(packet, ivAt, cbcLength, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " decryption failed unexpectedly", e);
        }
        Arrays.fill(out, outOffset, outOffset + CbcHmacCipher.BLOCK, (byte) 0);

        int end = outOffset + cbcLength;
        int padding = out[end - 1] & 0xFF;
        int body = cbcLength - CbcHmacCipher.BLOCK;
        if (padding == 0 || padding > CbcHmacCipher.BLOCK || body < CbcHmacCipher.PACKET_ID_LENGTH + padding) {
            return DropReason.MALFORMED;
        }
        for (int i = end - padding; i < end; i++) {
            if ((out[i] & 0xFF) != padding) {
                return DropReason.MALFORMED;
            }
        }
        int packetIdAt = outOffset + CbcHmacCipher.BLOCK;
        packetId = BigEndian.readUint32(out, packetIdAt);
        plaintextOffset = packetIdAt + CbcHmacCipher.PACKET_ID_LENGTH;
        plaintextLength = body - CbcHmacCipher.PACKET_ID_LENGTH - padding;
        return null;
    }

    /** Compares all {@code length} bytes whatever the first difference, so timing reveals nothing. */
    static boolean constantTimeEquals(byte[] expected, byte[] actual, int actualOffset, int length) {
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= expected[i] ^ actual[actualOffset + i];
        }
        return difference == 0;
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

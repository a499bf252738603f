package dev.corridor.protocol.data;

import java.util.Locale;
import java.util.Optional;

/**
 * The AEAD data-channel ciphers in OpenVPN's classic (non-epoch) format (protocol.md §5.2).
 *
 * <pre>
 *  [header 1|4][packet_id 4][tag 16][ciphertext = plaintext length]
 *  IV = packet_id (4, big-endian) ‖ implicit_iv (first 8 bytes of the direction's hmac part)
 *  AD = DATA_V2: header (4) ‖ packet_id (4)     DATA_V1: packet_id (4)
 * </pre>
 */
public enum AeadCipher implements DataCipher {
    AES_128_GCM("AES-128-GCM", 16, "AES/GCM/NoPadding", "AES"),
    AES_256_GCM("AES-256-GCM", 32, "AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305("CHACHA20-POLY1305", 32, "ChaCha20-Poly1305", "ChaCha20");

    /** Bytes of the packet id in front of the tag. */
    static final int PACKET_ID_LENGTH = 4;
    /** Bytes of the authentication tag. */
    static final int TAG_LENGTH = 16;
    /** Bytes of the implicit IV taken from the hmac part. */
    static final int IMPLICIT_IV_LENGTH = 8;
    /** Bytes of the full nonce. */
    static final int IV_LENGTH = PACKET_ID_LENGTH + IMPLICIT_IV_LENGTH;

    private final String openVpnName;
    private final int keyLength;
    private final String transformation;
    private final String keyAlgorithm;

    AeadCipher(String openVpnName, int keyLength, String transformation, String keyAlgorithm) {
        this.openVpnName = openVpnName;
        this.keyLength = keyLength;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    static Optional<AeadCipher> forName(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (AeadCipher cipher : values()) {
            if (cipher.openVpnName.equals(upper)) {
                return Optional.of(cipher);
            }
        }
        return Optional.empty();
    }

    @Override
    public String openVpnName() {
        return openVpnName;
    }

    /** The OpenVPN name, so that logs read {@code AES-256-GCM} rather than the Java identifier. */
    @Override
    public String toString() {
        return openVpnName;
    }

    @Override
    public String authName() {
        return "[null-digest]";
    }

    @Override
    public int keySizeBits() {
        return keyLength * 8;
    }

    @Override
    public int maxOverhead() {
        return PACKET_ID_LENGTH + TAG_LENGTH;
    }

    int keyLength() {
        return keyLength;
    }

    String transformation() {
        return transformation;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }
}

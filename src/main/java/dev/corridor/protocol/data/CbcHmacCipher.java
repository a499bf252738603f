package dev.corridor.protocol.data;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * AES-CBC with an HMAC, OpenVPN's legacy encrypt-then-MAC data channel (protocol.md §5.4).
 *
 * <pre>
 *  [header 1|4][HMAC H][IV 16][ AES-CBC( packet_id 4 ‖ payload ‖ PKCS#7 padding 1..16 ) ]
 *                       └──────────── HMAC covers IV ‖ ciphertext ────────────┘
 *  The header (opcode, peer id) is not authenticated.
 * </pre>
 *
 * @param keySizeBits 128 or 256
 * @param digest      the HMAC digest
 */
public record CbcHmacCipher(int keySizeBits, HmacDigest digest) implements DataCipher {
    static final Set<String> CBC_NAMES = Set.of("AES-128-CBC", "AES-256-CBC");

    /** AES block size, which is also the IV length. */
    static final int BLOCK = 16;
    static final int PACKET_ID_LENGTH = 4;

    public CbcHmacCipher {
        if (keySizeBits != 128 && keySizeBits != 256) {
            throw new IllegalArgumentException("AES-CBC key size must be 128 or 256 bits, got " + keySizeBits);
        }
        Objects.requireNonNull(digest, "digest");
    }

    static Optional<CbcHmacCipher> forName(String cipherName, String authDigest) {
        String upper = cipherName.trim().toUpperCase(Locale.ROOT);
        int bits;
        if (upper.equals("AES-128-CBC")) {
            bits = 128;
        } else if (upper.equals("AES-256-CBC")) {
            bits = 256;
        } else {
            return Optional.empty();
        }
        return HmacDigest.forName(authDigest).map(digest -> new CbcHmacCipher(bits, digest));
    }

    @Override
    public String openVpnName() {
        return "AES-" + keySizeBits + "-CBC";
    }

    @Override
    public String authName() {
        return digest.openVpnName();
    }

    @Override
    public int maxOverhead() {
        return digest.length() + BLOCK + PACKET_ID_LENGTH + BLOCK;
    }

    int keyLength() {
        return keySizeBits / 8;
    }

    @Override
    public String toString() {
        return openVpnName() + "/" + digest.openVpnName();
    }
}

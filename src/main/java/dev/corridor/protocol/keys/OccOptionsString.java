package dev.corridor.protocol.keys;

import dev.corridor.protocol.Role;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the OCC options string of a key-method-2 message the way OpenVPN 2.x does
 * (protocol.md §4.3; 2.x {@code options_string}). Peers only compare it and log a warning on a
 * difference, but 2.x servers read {@code cipher} from it for peers without NCP.
 *
 * <pre>
 *   V4,dev-type tun,link-mtu L,tun-mtu T,proto UDPv4|TCPv4_CLIENT|TCPv4_SERVER,[comp-lzo,]
 *   [keydir D,]cipher C,auth A,keysize K,[tls-auth,]key-method 2,tls-client|tls-server
 * </pre>
 *
 * <b>link-mtu</b> follows 2.x ({@code calc_options_string_link_mtu}), not openvpn3 (which sends
 * tun-mtu + the real overhead, e.g. 1521 for AES-256-GCM over UDP):
 * <pre>
 *   link-mtu = tun-mtu
 *            + 1                          compression framing byte (comp-lzo / compress stub / lz4), 0 for v2
 *            + 4                          packet id, CBC only (it sits inside the encrypted payload)
 *            + 2                          TCP length prefix, TCP only
 *            + 1                          opcode (peer-id is not in use yet when the string is made)
 *            + AEAD: 4 packet id + tag 16 + IV 12 + block (16 for AES, 1 for ChaCha20)
 *              CBC:  block + IV (16/16 for AES, 8/8 for BF) + HMAC size
 *   e.g. AES-256-GCM, UDP, tun-mtu 1500  ->  1500 + 1 + 4 + 16 + 12 + 16 = 1549
 * </pre>
 * AEAD ciphers report {@code auth [null-digest]}. The string must stay under 512 bytes
 * (TLS_OPTIONS_LEN including the NUL).
 */
public final class OccOptionsString {
    /** 2.x TLS_OPTIONS_LEN: the longest options string a stock peer reads, including its NUL. */
    public static final int MAX_LENGTH_WITH_NUL = 512;

    /** A data cipher as the OCC string and the link-mtu arithmetic see it. */
    private record CipherShape(String name, int keyBits, boolean aead, int ivBytes, int blockBytes) {}

    private static final Map<String, CipherShape> CIPHERS = Map.of(
            "AES-128-GCM", new CipherShape("AES-128-GCM", 128, true, 12, 16),
            "AES-192-GCM", new CipherShape("AES-192-GCM", 192, true, 12, 16),
            "AES-256-GCM", new CipherShape("AES-256-GCM", 256, true, 12, 16),
            "CHACHA20-POLY1305", new CipherShape("CHACHA20-POLY1305", 256, true, 12, 1),
            "AES-128-CBC", new CipherShape("AES-128-CBC", 128, false, 16, 16),
            "AES-192-CBC", new CipherShape("AES-192-CBC", 192, false, 16, 16),
            "AES-256-CBC", new CipherShape("AES-256-CBC", 256, false, 16, 16),
            "BF-CBC", new CipherShape("BF-CBC", 128, false, 8, 8));

    private static final Map<String, Integer> DIGESTS = Map.of(
            "SHA1", 20, "SHA224", 28, "SHA256", 32, "SHA384", 48, "SHA512", 64, "MD5", 16);

    private static final int AEAD_TAG_BYTES = 16;
    private static final int PACKET_ID_BYTES = 4;

    /** How the data channel frames compression, which only matters for link-mtu and the comp-lzo flag. */
    public enum Compression {
        /** No compression configured: no flag, no byte. */
        NONE,
        /** comp-lzo, compress stub, compress lz4: ",comp-lzo" and one framing byte. */
        FRAMING_BYTE,
        /** compress stub-v2 / lz4-v2: ",comp-lzo" and no framing byte. */
        V2
    }

    private OccOptionsString() {}

    /** A builder for the side {@code role} plays (tls-client or tls-server). */
    public static Builder builder(Role role) {
        return new Builder(Objects.requireNonNull(role, "role"));
    }

    /** The link-mtu 2.x writes for these settings (see the class comment). */
    public static int linkMtu(int tunMtu, String cipher, String auth, boolean tcp, Compression compression) {
        CipherShape shape = cipherShape(cipher);
        int mtu = tunMtu;
        if (compression == Compression.FRAMING_BYTE) {
            mtu += 1;
        }
        if (tcp) {
            mtu += 2;
        }
        mtu += 1; // opcode
        if (shape.aead()) {
            mtu += PACKET_ID_BYTES + AEAD_TAG_BYTES + shape.ivBytes() + shape.blockBytes();
        } else {
            mtu += PACKET_ID_BYTES + shape.blockBytes() + shape.ivBytes() + digestBytes(auth);
        }
        return mtu;
    }

    private static CipherShape cipherShape(String cipher) {
        CipherShape shape = CIPHERS.get(Objects.requireNonNull(cipher, "cipher").toUpperCase(Locale.ROOT));
        if (shape == null) {
            throw new IllegalArgumentException("unknown data cipher for the OCC string: " + cipher);
        }
        return shape;
    }

    private static int digestBytes(String auth) {
        Integer size = DIGESTS.get(Objects.requireNonNull(auth, "auth").toUpperCase(Locale.ROOT));
        if (size == null) {
            throw new IllegalArgumentException("unknown auth digest for the OCC string: " + auth);
        }
        return size;
    }

    /** Collects the settings; defaults: tun-mtu 1500, UDP, AES-256-GCM announced, auth SHA1, no compression, no tls-auth. */
    public static final class Builder {
        private final Role role;
        private int tunMtu = 1500;
        private boolean tcp;
        private String cipher = "AES-256-GCM";
        private boolean announceCipher = true;
        private String auth = "SHA1";
        private Compression compression = Compression.NONE;
        private boolean tlsAuth;
        private Integer keyDirection;

        private Builder(Role role) {
            this.role = role;
        }

        /** tun-mtu (also the base of link-mtu). */
        public Builder tunMtu(int tunMtu) {
            if (tunMtu <= 0) {
                throw new IllegalArgumentException("tun-mtu must be positive");
            }
            this.tunMtu = tunMtu;
            return this;
        }

        /** True for TCP, false for UDP. */
        public Builder tcp(boolean tcp) {
            this.tcp = tcp;
            return this;
        }

        /**
         * The profile's {@code cipher}. 2.x leaves ",cipher X" out when X is not in its data-ciphers
         * list; pass {@code announce=false} for that case (keysize and link-mtu still use it).
         */
        public Builder cipher(String cipher, boolean announce) {
            cipherShape(cipher);
            this.cipher = cipher.toUpperCase(Locale.ROOT);
            this.announceCipher = announce;
            return this;
        }

        /** The {@code auth} digest (used for CBC ciphers; AEAD ciphers always report [null-digest]). */
        public Builder auth(String auth) {
            digestBytes(auth);
            this.auth = auth.toUpperCase(Locale.ROOT);
            return this;
        }

        /** Compression framing, when the profile configures any. */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /** tls-auth in use, with its key direction (0 or 1) or null for bidirectional. */
        public Builder tlsAuth(Integer keyDirection) {
            if (keyDirection != null && keyDirection != 0 && keyDirection != 1) {
                throw new IllegalArgumentException("key direction is 0 or 1");
            }
            this.tlsAuth = true;
            this.keyDirection = keyDirection;
            return this;
        }

        /** The options string. */
        public String build() {
            CipherShape shape = cipherShape(cipher);
            StringBuilder out = new StringBuilder("V4");
            out.append(",dev-type tun");
            out.append(",link-mtu ").append(linkMtu(tunMtu, cipher, auth, tcp, compression));
            out.append(",tun-mtu ").append(tunMtu);
            out.append(",proto ").append(!tcp ? "UDPv4" : role == Role.CLIENT ? "TCPv4_CLIENT" : "TCPv4_SERVER");
            if (compression != Compression.NONE) {
                out.append(",comp-lzo");
            }
            if (tlsAuth && keyDirection != null) {
                out.append(",keydir ").append(keyDirection);
            }
            if (announceCipher) {
                out.append(",cipher ").append(shape.name());
            }
            out.append(",auth ").append(shape.aead() ? "[null-digest]" : auth);
            out.append(",keysize ").append(shape.keyBits());
            if (tlsAuth) {
                out.append(",tls-auth");
            }
            out.append(",key-method 2");
            out.append(role == Role.CLIENT ? ",tls-client" : ",tls-server");
            if (out.length() + 1 > MAX_LENGTH_WITH_NUL) {
                throw new IllegalStateException("options string longer than " + (MAX_LENGTH_WITH_NUL - 1));
            }
            return out.toString();
        }
    }
}

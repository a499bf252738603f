package dev.corridor.protocol.keys;

import dev.corridor.protocol.Role;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The key-method-2 message: the first thing each side writes into TLS, carrying its key source, its
 * OCC options string, the credentials (client only, in practice) and its peer-info text
 * (protocol.md §4.1, §4.2). The byte layout lives in {@link KeyMethod2Framing}.
 *
 * <pre>
 *   key source  (client: pre_master + random1 + random2; server: random1 + random2)
 *   options     "V4,dev-type tun,..."          see {@link OccOptionsString}
 *   username    "" when absent
 *   password    "" when absent; kept as raw bytes so it can be wiped
 *   peer_info   "IV_VER=...\nIV_PLAT=...\n"     see {@link PeerInfo}
 * </pre>
 *
 * The password and the key source are secret: {@link #toString()} leaves them out and
 * {@link #wipe()} zeroes them. No string may contain a NUL character (it ends a string on the wire).
 */
public final class KeyMethod2Message {
    private final KeySource keySource;
    private final String options;
    private final String username;
    private final byte[] password;
    private final String peerInfo;

    private KeyMethod2Message(KeySource keySource, String options, String username, byte[] password, String peerInfo) {
        this.keySource = Objects.requireNonNull(keySource, "keySource");
        this.options = requireNoNul(options, "options");
        this.username = requireNoNul(username, "username");
        this.password = password;
        this.peerInfo = requireNoNul(peerInfo, "peerInfo");
        for (byte b : password) {
            if (b == 0) {
                throw new IllegalArgumentException("password must not contain a NUL character");
            }
        }
    }

    /**
     * A message with credentials. The password characters are copied (as UTF-8); the caller may wipe
     * its own array afterwards.
     */
    public static KeyMethod2Message withCredentials(KeySource keySource, String options, String username,
            char[] password, String peerInfo) {
        Objects.requireNonNull(password, "password");
        return new KeyMethod2Message(keySource, options, username, utf8(password), peerInfo);
    }

    /** A message without credentials (empty username and password), e.g. the server's reply or a certificate-only client. */
    public static KeyMethod2Message withoutCredentials(KeySource keySource, String options, String peerInfo) {
        return new KeyMethod2Message(keySource, options, "", new byte[0], peerInfo);
    }

    /** Builds a message from decoded wire fields; takes ownership of {@code password}. */
    static KeyMethod2Message fromWire(KeySource keySource, String options, String username, byte[] password,
            String peerInfo) {
        return new KeyMethod2Message(keySource, options, username, password, peerInfo);
    }

    /** The side that wrote the message: a client's carries a pre_master. */
    public Role sender() {
        return keySource.role();
    }

    /** The key source (shared, not copied: wiping the message wipes it too). */
    public KeySource keySource() {
        return keySource;
    }

    /** The OCC options string. */
    public String options() {
        return options;
    }

    /** The username, or "" when none was sent. */
    public String username() {
        return username;
    }

    /** True when a non-empty password was sent. */
    public boolean hasPassword() {
        return password.length > 0;
    }

    /** A copy of the password bytes exactly as on the wire; the caller should zero it after use. */
    public byte[] passwordBytes() {
        return password.clone();
    }

    /** A copy of the password decoded as UTF-8 (bad bytes become U+FFFD); the caller should zero it after use. */
    public char[] password() {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(password));
        char[] result = new char[chars.remaining()];
        chars.get(result);
        Arrays.fill(chars.array(), '\0');
        return result;
    }

    /** The peer-info text ("" when none); parse it with {@link PeerInfo#parse(String)}. */
    public String peerInfo() {
        return peerInfo;
    }

    /** Length of the password in bytes, for the writer. */
    int passwordLength() {
        return password.length;
    }

    /** The password bytes themselves, for the writer only (no copy, so nothing extra to wipe). */
    byte[] passwordBytesInternal() {
        return password;
    }

    /** Zeroes the password and the key source. */
    public void wipe() {
        Arrays.fill(password, (byte) 0);
        keySource.wipe();
    }

    /** Shows options, username and peer-info; never the password or the key material. */
    @Override
    public String toString() {
        return "KeyMethod2Message[sender=" + sender() + ", options=" + options + ", username=" + username
                + ", password=" + (password.length > 0 ? "[redacted]" : "<none>") + ", peerInfo="
                + peerInfo.replace("\n", "\\n") + "]";
    }

    private static String requireNoNul(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must not contain a NUL character");
        }
        return value;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] result = new byte[encoded.remaining()];
        encoded.get(result);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return result;
    }
}

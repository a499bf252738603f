package dev.corridor.protocol.keys;

import dev.corridor.protocol.Role;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Derives the data-channel {@link Key2} the legacy way, from both sides' key-method-2 randoms and
 * the two session ids, when TLS-EKM was not negotiated (protocol.md §4.4; 2.x
 * {@code generate_key_expansion_openvpn_prf}).
 *
 * <pre>
 *   master[48] = PRF(client.pre_master,
 *                    "OpenVPN master secret" ‖ client.random1 ‖ server.random1)
 *   key2[256]  = PRF(master,
 *                    "OpenVPN key expansion" ‖ client.random2 ‖ server.random2 ‖ client SID[8] ‖ server SID[8])
 * </pre>
 *
 * Labels are ASCII without NUL. The client SID is the one the client writes as its own session id
 * in its packets; the server SID likewise. Session ids are passed as plain 8-byte arrays.
 */
public final class PrfKeyDerivation {
    /** Label of the master-secret step. */
    public static final String MASTER_SECRET_LABEL = "OpenVPN master secret";
    /** Label of the key-expansion step. */
    public static final String KEY_EXPANSION_LABEL = "OpenVPN key expansion";
    /** Length of the intermediate master secret. */
    public static final int MASTER_SECRET_BYTES = 48;
    /** Length of a session id. */
    public static final int SESSION_ID_BYTES = 8;

    private PrfKeyDerivation() {}

    /**
     * The key block both sides compute from the client's and the server's key sources and the two
     * session ids. The inputs are left untouched; wipe the key sources once this returns.
     */
    public static Key2 deriveKey2(KeySource client, KeySource server, byte[] clientSessionId, byte[] serverSessionId) {
        byte[] master = masterSecret(client, server);
        try {
            byte[] seed = concat(ascii(KEY_EXPANSION_LABEL), client.random2(), server.random2(),
                    sessionId(clientSessionId, "clientSessionId"), sessionId(serverSessionId, "serverSessionId"));
            try {
                return Key2.adopt(OpenVpnPrf.prf(master, seed, Key2.BYTES));
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /** The 48-byte master secret (first step); exposed for tests. The caller should zero it. */
    static byte[] masterSecret(KeySource client, KeySource server) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        if (client.role() != Role.CLIENT || server.role() != Role.SERVER) {
            throw new IllegalArgumentException("need the client's key source first and the server's second");
        }
        byte[] preMaster = client.preMaster();
        byte[] seed = concat(ascii(MASTER_SECRET_LABEL), client.random1(), server.random1());
        try {
            return OpenVpnPrf.prf(preMaster, seed, MASTER_SECRET_BYTES);
        } finally {
            Arrays.fill(preMaster, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static byte[] sessionId(byte[] id, String name) {
        Objects.requireNonNull(id, name);
        if (id.length != SESSION_ID_BYTES) {
            throw new IllegalArgumentException(name + " must be " + SESSION_ID_BYTES + " bytes, not " + id.length);
        }
        return id;
    }

    private static byte[] ascii(String label) {
        return label.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}

package dev.corridor.protocol.data;

import dev.corridor.protocol.Role;
import java.util.Arrays;
import java.util.Objects;

/**
 * The data-channel keys of one key state, split from the 256-byte key2 block into the keys we
 * encrypt with and the keys we decrypt with (protocol.md §4.6).
 *
 * <pre>
 *  key2 (256 bytes)
 *  ┌──────────────┬──────────────┬──────────────┬──────────────┐
 *  │ 0..63        │ 64..127      │ 128..191     │ 192..255     │
 *  │ key[0].cipher│ key[0].hmac  │ key[1].cipher│ key[1].hmac  │
 *  └──────────────┴──────────────┴──────────────┴──────────────┘
 *    key[0] = client→server           key[1] = server→client
 *
 *  CLIENT: outgoing = key[0], incoming = key[1]   (OpenVPN "NORMAL")
 *  SERVER: outgoing = key[1], incoming = key[0]   (OpenVPN "INVERSE")
 * </pre>
 */
public final class DataKeys {
    /** Size of the key2 block produced by the OpenVPN PRF or the TLS exporter. */
    public static final int KEY2_LENGTH = 256;

    private final Role role;
    private final DirectionKeys outgoing;
    private final DirectionKeys incoming;

    private DataKeys(Role role, DirectionKeys outgoing, DirectionKeys incoming) {
        this.role = role;
        this.outgoing = outgoing;
        this.incoming = incoming;
    }

    /**
     * Splits key2 for the given role. The caller may wipe its key2 array afterwards.
     *
     * @throws IllegalArgumentException when key2 is not 256 bytes
     */
    public static DataKeys fromKey2(byte[] key2, Role role) {
        Objects.requireNonNull(role, "role");
        if (key2.length != KEY2_LENGTH) {
            throw new IllegalArgumentException("key2 must be " + KEY2_LENGTH + " bytes, got " + key2.length);
        }
        DirectionKeys clientToServer = part(key2, 0);
        DirectionKeys serverToClient = part(key2, 128);
        return role == Role.CLIENT
                ? new DataKeys(role, clientToServer, serverToClient)
                : new DataKeys(role, serverToClient, clientToServer);
    }

    private static DirectionKeys part(byte[] key2, int offset) {
        byte[] cipher = Arrays.copyOfRange(key2, offset, offset + DirectionKeys.PART_LENGTH);
        byte[] hmac = Arrays.copyOfRange(key2, offset + DirectionKeys.PART_LENGTH,
                offset + 2 * DirectionKeys.PART_LENGTH);
        try {
            return new DirectionKeys(cipher, hmac);
        } finally {
            Arrays.fill(cipher, (byte) 0);
            Arrays.fill(hmac, (byte) 0);
        }
    }

    public Role role() {
        return role;
    }

    /** The keys this side encrypts with. */
    public DirectionKeys outgoing() {
        return outgoing;
    }

    /** The keys this side decrypts with. */
    public DirectionKeys incoming() {
        return incoming;
    }

    /** Zeroes both directions' key material. */
    public void wipe() {
        outgoing.wipe();
        incoming.wipe();
    }

    @Override
    public String toString() {
        return "DataKeys[" + role + ", redacted]";
    }
}

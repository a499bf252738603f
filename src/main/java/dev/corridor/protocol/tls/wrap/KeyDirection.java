package dev.corridor.protocol.tls.wrap;

import dev.corridor.protocol.Role;
import java.util.OptionalInt;

/**
 * Which half of a static key each direction uses (OpenVPN's key-direction, protocol.md 2.1).
 *
 * <pre>
 *   direction       sends with   receives with   chosen by
 *   NORMAL          key[0]       key[1]          "key-direction 0"; tls-crypt server
 *   INVERSE         key[1]       key[0]          "key-direction 1"; tls-crypt client
 *   BIDIRECTIONAL   key[0]       key[0]          tls-auth without a direction
 * </pre>
 */
public enum KeyDirection {
    NORMAL(0, 1),
    INVERSE(1, 0),
    BIDIRECTIONAL(0, 0);

    private final int sendIndex;
    private final int receiveIndex;

    KeyDirection(int sendIndex, int receiveIndex) {
        this.sendIndex = sendIndex;
        this.receiveIndex = receiveIndex;
    }

    /** Index (0 or 1) of the key half used for packets we send. */
    public int sendKeyIndex() {
        return sendIndex;
    }

    /** Index (0 or 1) of the key half used for packets we receive. */
    public int receiveKeyIndex() {
        return receiveIndex;
    }

    /** The tls-auth direction for a profile's {@code key-direction} (0, 1, or absent). */
    public static KeyDirection forTlsAuth(OptionalInt keyDirection) {
        if (keyDirection.isEmpty()) {
            return BIDIRECTIONAL;
        }
        return switch (keyDirection.getAsInt()) {
            case 0 -> NORMAL;
            case 1 -> INVERSE;
            default -> throw new IllegalArgumentException("key-direction is 0 or 1, not " + keyDirection.getAsInt());
        };
    }

    /** The fixed tls-crypt direction: the server is NORMAL, the client INVERSE. */
    public static KeyDirection forTlsCrypt(Role role) {
        return role == Role.SERVER ? NORMAL : INVERSE;
    }
}

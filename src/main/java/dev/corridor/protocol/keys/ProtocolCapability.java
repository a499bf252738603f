package dev.corridor.protocol.keys;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One bit of the {@code IV_PROTO} peer-info variable: a protocol feature the sender implements
 * (protocol.md §6.5; 2.x ssl.h {@code IV_PROTO_*}). Bit 0 is reserved.
 *
 * <pre>
 *   bit  value  meaning
 *    1      2   DATA_V2 / peer-id            (any non-zero IV_PROTO must include it)
 *    2      4   push without PUSH_REQUEST
 *    3      8   TLS-EKM key derivation
 *    4     16   AUTH_PENDING keywords
 *    5     32   P2P NCP
 *    6     64   old 'dns' option (deprecated)
 *    7    128   cc-exit; 'protocol-flags' accepted
 *    8    256   AUTH_FAILED,TEMP
 *    9    512   dynamic tls-crypt
 *   10   1024   epoch data format
 *   11   2048   'dns' option v2
 *   12   4096   PUSH_UPDATE
 * </pre>
 */
public enum ProtocolCapability {
    DATA_V2(1),
    REQUEST_PUSH(2),
    TLS_KEY_EXPORT(3),
    AUTH_PENDING_KEYWORDS(4),
    NCP_P2P(5),
    DNS_OPTION(6),
    CC_EXIT_NOTIFY(7),
    AUTH_FAIL_TEMP(8),
    DYN_TLS_CRYPT(9),
    DATA_EPOCH(10),
    DNS_OPTION_V2(11),
    PUSH_UPDATE(12);

    private final int bit;

    ProtocolCapability(int bit) {
        this.bit = bit;
    }

    /** The bit number. */
    public int bit() {
        return bit;
    }

    /** The bit's value, {@code 1 << bit}. */
    public int value() {
        return 1 << bit;
    }

    /**
     * The IV_PROTO number for {@code capabilities}; 0 for none. A non-empty set must contain
     * {@link #DATA_V2}: pre-2.6 servers read any IV_PROTO of 2 or more as DATA_V2 support.
     */
    public static int encode(Set<ProtocolCapability> capabilities) {
        if (!capabilities.isEmpty() && !capabilities.contains(DATA_V2)) {
            throw new IllegalArgumentException("a non-zero IV_PROTO must include DATA_V2 (bit 1)");
        }
        int value = 0;
        for (ProtocolCapability capability : capabilities) {
            value |= capability.value();
        }
        return value;
    }

    /** The known capabilities whose bits are set in {@code ivProto}; unknown bits are ignored. */
    public static Set<ProtocolCapability> decode(long ivProto) {
        EnumSet<ProtocolCapability> result = EnumSet.noneOf(ProtocolCapability.class);
        for (ProtocolCapability capability : values()) {
            if ((ivProto & capability.value()) != 0) {
                result.add(capability);
            }
        }
        return Collections.unmodifiableSet(result);
    }
}

package dev.corridor.protocol.keys;

import java.util.Arrays;
import java.util.Objects;

/**
 * Derives the data-channel {@link Key2} from the TLS session itself when TLS-EKM was negotiated
 * (the server pushed {@code key-derivation tls-ekm} or {@code protocol-flags ... tls-ekm}), and the
 * dynamic tls-crypt key for renegotiations (protocol.md §2.5, §4.5).
 *
 * <pre>
 *   key2[256]          = TLS-Exporter("EXPORTER-OpenVPN-datakeys", no context, 256)
 *   dyn-tls-crypt[256] = TLS-Exporter("EXPORTER-OpenVPN-dynamic-tls-crypt", no context, 256)
 *                        XOR the configured tls-auth / tls-crypt key2, when there is one
 * </pre>
 */
public final class TlsEkmDerivation {
    /** Exporter label of the data-channel keys. */
    public static final String DATA_KEYS_LABEL = "EXPORTER-OpenVPN-datakeys";
    /** Exporter label of the dynamic tls-crypt key. */
    public static final String DYNAMIC_TLS_CRYPT_LABEL = "EXPORTER-OpenVPN-dynamic-tls-crypt";

    private TlsEkmDerivation() {}

    /** The data-channel key block exported from the TLS session. */
    public static Key2 deriveKey2(KeyingMaterialExporter exporter) {
        return export(exporter, DATA_KEYS_LABEL);
    }

    /**
     * The tls-crypt key for control packets with key_id &gt; 0 once {@code dyn-tls-crypt} is on;
     * {@code configuredWrapKey} is the profile's tls-auth / tls-crypt key block, or null when the
     * profile has none.
     */
    public static Key2 deriveDynamicTlsCryptKey(KeyingMaterialExporter exporter, Key2 configuredWrapKey) {
        Key2 exported = export(exporter, DYNAMIC_TLS_CRYPT_LABEL);
        if (configuredWrapKey == null) {
            return exported;
        }
        try {
            return exported.xor(configuredWrapKey);
        } finally {
            exported.wipe();
        }
    }

    private static Key2 export(KeyingMaterialExporter exporter, String label) {
        Objects.requireNonNull(exporter, "exporter");
        byte[] bytes = exporter.export(label, Key2.BYTES);
        if (bytes == null || bytes.length != Key2.BYTES) {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
            throw new IllegalStateException("the TLS exporter returned " + (bytes == null ? "nothing" : bytes.length
                    + " bytes") + " for " + label + ", expected " + Key2.BYTES);
        }
        return Key2.adopt(bytes);
    }
}

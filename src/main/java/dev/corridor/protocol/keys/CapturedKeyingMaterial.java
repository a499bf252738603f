package dev.corridor.protocol.keys;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exporter output taken once, while the TLS handshake completes, and handed out later.
 *
 * OpenVPN learns whether to use TLS-EKM only from the PUSH_REPLY, well after the handshake, but
 * BouncyCastle TLS allows exporting only inside {@code notifyHandshakeComplete()} and clears the
 * exporter secret right after. The TLS engine should therefore call {@link #capture} there and
 * pass this object to {@link TlsEkmDerivation} when the push says so; {@link #wipe()} it once the
 * keys exist (or EKM was not chosen).
 *
 * <pre>
 *   notifyHandshakeComplete ──capture(live exporter)──> { datakeys[256], dynamic-tls-crypt[256] }
 *   PUSH_REPLY says tls-ekm ──TlsEkmDerivation.deriveKey2(captured)──> Key2 ──> wipe()
 * </pre>
 */
public final class CapturedKeyingMaterial implements KeyingMaterialExporter {
    /** The labels OpenVPN exports, each {@link Key2#BYTES} long. */
    public static final List<String> OPENVPN_LABELS =
            List.of(TlsEkmDerivation.DATA_KEYS_LABEL, TlsEkmDerivation.DYNAMIC_TLS_CRYPT_LABEL);

    private final Map<String, byte[]> exports;
    private boolean wiped;

    private CapturedKeyingMaterial(Map<String, byte[]> exports) {
        this.exports = exports;
    }

    /** Exports every label of {@link #OPENVPN_LABELS} (256 bytes each) from {@code live} now. */
    public static CapturedKeyingMaterial capture(KeyingMaterialExporter live) {
        Objects.requireNonNull(live, "live");
        Map<String, byte[]> exports = new LinkedHashMap<>();
        for (String label : OPENVPN_LABELS) {
            byte[] bytes = live.export(label, Key2.BYTES);
            if (bytes == null || bytes.length != Key2.BYTES) {
                exports.values().forEach(b -> Arrays.fill(b, (byte) 0));
                throw new IllegalStateException("the TLS exporter did not return " + Key2.BYTES + " bytes for " + label);
            }
            exports.put(label, bytes.clone());
            Arrays.fill(bytes, (byte) 0);
        }
        return new CapturedKeyingMaterial(exports);
    }

    /** A copy of what was captured for {@code label}; only captured labels and lengths can be served. */
    @Override
    public byte[] export(String label, int length) {
        if (wiped) {
            throw new IllegalStateException("the captured keying material has been wiped");
        }
        byte[] bytes = exports.get(label);
        if (bytes == null || bytes.length != length) {
            throw new IllegalStateException("no keying material captured for " + label + " with length " + length);
        }
        return bytes.clone();
    }

    /** Zeroes everything captured. */
    public void wipe() {
        exports.values().forEach(bytes -> Arrays.fill(bytes, (byte) 0));
        wiped = true;
    }

    /** Never shows the material. */
    @Override
    public String toString() {
        return "CapturedKeyingMaterial[" + (wiped ? "wiped" : "redacted") + "]";
    }
}

package dev.corridor.protocol.keys;

/**
 * Access to the TLS keying-material exporter (RFC 5705 / RFC 8446 §7.5) of an established TLS
 * session, implemented by the TLS engine (e.g. over BouncyCastle's {@code TlsContext.exportKeyingMaterial}).
 *
 * OpenVPN calls the exporter <b>without a context value</b> (2.x passes {@code use_context=0}). In
 * TLS 1.2 "no context" differs from an empty context (no length field is mixed in), so an
 * implementation over BouncyCastle must pass {@code null}, not an empty array, as the context.
 */
@FunctionalInterface
public interface KeyingMaterialExporter {
    /**
     * {@code length} bytes exported under {@code label} (ASCII) with no context.
     *
     * @throws IllegalStateException when the session cannot export (handshake not finished, closed)
     */
    byte[] export(String label, int length);
}

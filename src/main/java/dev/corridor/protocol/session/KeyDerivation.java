package dev.corridor.protocol.session;

/** How data-channel keys are derived: OpenVPN's own PRF, or the TLS keying-material exporter. */
public enum KeyDerivation {
    /** Not decided yet: the first key's method is chosen by the server in PUSH_REPLY. */
    UNDECIDED,
    /** The TLS 1.0-style PRF over the key-method-2 randoms (protocol.md §4.4). */
    PRF,
    /** RFC 5705 exporter, label {@code EXPORTER-OpenVPN-datakeys} (protocol.md §4.5). */
    TLS_EKM
}

package dev.corridor.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data-channel choices a profile makes: ciphers offered, HMAC digest, compression framing,
 * MTU, and when keys are renewed.
 *
 * @param dataCiphers      ciphers offered to the server, in order of preference
 * @param fallbackCipher   {@code cipher} / {@code data-ciphers-fallback}: for servers without negotiation
 * @param authDigest       HMAC digest for CBC ciphers and tls-auth (default SHA1)
 * @param compression      compression framing to accept (Corridor never compresses)
 * @param renegSeconds     {@code reneg-sec}; 0 disables client-initiated renegotiation
 * @param tunMtu           {@code tun-mtu} (default 1500)
 * @param mssfix           {@code mssfix} value; 0 disables clamping
 * @param mssfixIncludesHeaders {@code mssfix max mtu}: {@code max} counts the link's IP and UDP headers;
 *                         without {@code mtu} it is the UDP payload (OpenVPN's default, 1450)
 */
public record DataChannelSettings(List<String> dataCiphers, Optional<String> fallbackCipher, String authDigest,
        Compression compression, int renegSeconds, int tunMtu, int mssfix, boolean mssfixIncludesHeaders) {
    /** The compression framing the profile asks for; payloads are never actually compressed. */
    public enum Compression { NONE, LZO_NO, STUB, STUB_V2 }

    public static final List<String> DEFAULT_CIPHERS = List.of("AES-256-GCM", "AES-128-GCM", "CHACHA20-POLY1305");

    public DataChannelSettings {
        dataCiphers = List.copyOf(dataCiphers);
        Objects.requireNonNull(fallbackCipher, "fallbackCipher");
        Objects.requireNonNull(authDigest, "authDigest");
        Objects.requireNonNull(compression, "compression");
    }
}

package dev.corridor.protocol.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A data-channel cipher suite as OpenVPN names it (protocol.md §5.2, §5.4, §6.5): either an AEAD
 * cipher or AES-CBC with an HMAC digest.
 *
 * <p>Names from the network (a pushed {@code cipher}) go through {@link #forName}, which answers
 * {@link Optional#empty()} for anything unsupported instead of throwing.
 */
public sealed interface DataCipher permits AeadCipher, CbcHmacCipher {

    /** The canonical OpenVPN name, e.g. {@code AES-256-GCM} or {@code AES-256-CBC}. */
    String openVpnName();

    /**
     * The {@code auth} value of the OCC options string (protocol.md §4.3): {@code [null-digest]}
     * for AEAD ciphers, the digest name (e.g. {@code SHA256}) for CBC.
     */
    String authName();

    /** The {@code keysize} value of the OCC options string, in bits. */
    int keySizeBits();

    /**
     * The most bytes the crypto layer adds to a payload, not counting the 1- or 4-byte opcode
     * header: 20 for AEAD (packet id + tag); HMAC + IV + packet id + up to 16 padding for CBC.
     */
    int maxOverhead();

    /**
     * What does this cipher's per-packet work in this process, for the log, e.g. {@code Corridor's
     * AES-GCM with the JDK's GHASH intrinsic, allocation-free}; says why when AES-GCM falls back.
     */
    default String implementation() {
        return CipherEngines.describe(this);
    }

    /**
     * Looks up a cipher by OpenVPN name, case-insensitively.
     *
     * @param cipherName the {@code cipher} / {@code data-ciphers} entry, e.g. {@code aes-256-gcm}
     * @param authDigest the {@code auth} digest; used only by CBC ciphers ({@code SHA1}, {@code SHA256},
     *                   {@code SHA512}, also spelled {@code SHA-256} etc.)
     * @return the cipher, or empty when either name is unsupported for this cipher
     */
    static Optional<DataCipher> forName(String cipherName, String authDigest) {
        if (cipherName == null) {
            return Optional.empty();
        }
        Optional<AeadCipher> aead = AeadCipher.forName(cipherName);
        if (aead.isPresent()) {
            return Optional.of(aead.get());
        }
        return CbcHmacCipher.forName(cipherName, authDigest).map(cipher -> cipher);
    }

    /**
     * The canonical spelling of a supported cipher name ({@code aes-256-gcm} → {@code AES-256-GCM}),
     * or empty when it is not supported. CBC names count as supported.
     */
    static Optional<String> canonicalName(String cipherName) {
        if (cipherName == null) {
            return Optional.empty();
        }
        Optional<AeadCipher> aead = AeadCipher.forName(cipherName);
        if (aead.isPresent()) {
            return Optional.of(aead.get().openVpnName());
        }
        String upper = cipherName.trim().toUpperCase(Locale.ROOT);
        return CbcHmacCipher.CBC_NAMES.contains(upper) ? Optional.of(upper) : Optional.empty();
    }

    /**
     * The {@code IV_CIPHERS} peer-info value (protocol.md §6.5) for a profile's {@code data-ciphers}:
     * the supported entries in the given order, canonically spelled, without duplicates, joined by
     * {@code ':'}. Unsupported entries are left out.
     */
    static String ivCiphers(List<String> dataCiphers) {
        List<String> names = new ArrayList<>();
        for (String entry : dataCiphers) {
            canonicalName(entry).filter(name -> !names.contains(name)).ifPresent(names::add);
        }
        return String.join(":", names);
    }
}

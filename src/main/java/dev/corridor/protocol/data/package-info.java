/**
 * The OpenVPN data channel: sealing IP packets, pings and OCC messages into P_DATA_V1/V2 packets
 * and opening them again (protocol.md §5).
 *
 * <pre>
 *  sending   payload ──CompressionFraming──▶ framed ──PayloadEncryptor──▶ [header][crypto part]
 *            (DataChannelSealer: header, packet id counter, renegotiation trigger)
 *
 *  receiving [header][crypto part] ──opcode/key id──▶ PayloadDecryptor (authenticate, decrypt)
 *            ──▶ ReplayWindow (check, then commit) ──▶ CompressionFraming (undo) ──▶ PayloadKind
 *            (DataChannelOpener: every refusal is a DropReason, counted in DropCounters)
 * </pre>
 *
 * <p>Everything here is pure: no sockets, no threads, no clock. Time comes in as {@code nowMillis}.
 * Sealers and openers are used by one thread at a time and allocate nothing of their own per
 * packet ({@code sealPacket} / {@code openPacket}; {@code seal} / {@code open} add a small result
 * record the JIT usually scalar-replaces). ChaCha20-Poly1305 runs on Corridor's own
 * {@code AeadPrimitive} and allocates nothing at all; so does AES-GCM on Corridor's {@code AesGcm}
 * with the JDK's GHASH intrinsic (SunJCE, which allocates about 1 KB per packet inside
 * {@code Cipher.init}, only when the intrinsic is not reachable); CBC allocates nothing
 * ({@code Hmac} over a {@code MessageDigest}). Details: {@code docs/data-channel.md}, numbers:
 * {@code docs/benchmarks.md}.
 */
package dev.corridor.protocol.data;

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
 * packet apart from their small result records, which the JIT usually scalar-replaces; what the
 * JCE itself allocates is listed on {@code AeadEncryptor}, {@code CbcHmacEncryptor} and in
 * {@code docs/benchmarks.md}; the design is in {@code docs/data-channel.md}.
 */
package dev.corridor.protocol.data;

package dev.corridor.protocol.data;

/** Why an incoming data packet was dropped; each reason has its own counter in {@link DropCounters}. */
public enum DropReason {
    /** Shorter than the header plus the smallest crypto part the cipher can produce. */
    TRUNCATED,
    /** The first byte is not P_DATA_V1 or P_DATA_V2. */
    BAD_OPCODE,
    /** The key id is not the one this opener holds (or, counted by the engine, not any key it has). */
    UNKNOWN_KEY_ID,
    /** The tag or HMAC did not verify: corrupted, forged, or sealed with another key. */
    AUTH_FAILED,
    /** Authentic but not well-formed after decryption (CBC: not block-aligned or bad padding). */
    MALFORMED,
    /** Authentic but carries packet id 0, which OpenVPN never sends. */
    INVALID_PACKET_ID,
    /** Authentic but its packet id was already accepted. */
    REPLAYED,
    /** Authentic but older than the replay window, or its window slot has expired (time backtrack). */
    TOO_OLD,
    /** The peer sent compressed data (LZO, LZ4), which Corridor does not decompress. */
    COMPRESSED,
    /** The compression framing byte is neither a known "uncompressed" marker nor a compression marker. */
    BAD_COMPRESSION_HEADER,
    /** The packet would not fit the caller's output buffer. */
    TOO_LARGE
}

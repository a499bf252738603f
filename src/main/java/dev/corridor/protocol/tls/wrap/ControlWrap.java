package dev.corridor.protocol.tls.wrap;

import dev.corridor.protocol.wire.ControlPacket;

/**
 * Turns control packets into the bytes sent on the wire and back, with or without the tls-auth
 * HMAC or tls-crypt encryption (protocol.md 2).
 *
 * <pre>
 *   reliable layer --ControlPacket--> wrap(packet, now) --bytes--> transport
 *   reliable layer <--ControlPacket-- unwrap(bytes, now) <--bytes-- transport
 * </pre>
 *
 * Implementations that authenticate keep a send counter and a replay window, so one instance
 * belongs to one session and is used from that session's thread only. {@code nowSeconds} is unix
 * time in seconds: it stamps the replay packet-id and ages the replay window.
 */
public interface ControlWrap {

    /** The packet as wire bytes; every call, retransmissions included, takes a fresh replay id. */
    byte[] wrap(ControlPacket packet, long nowSeconds);

    /** The packet in {@code wire}, or why it is dropped; never throws on any input. */
    Unwrapped unwrap(byte[] wire, long nowSeconds);

    /**
     * Bytes this wrap adds to every packet, counted as OpenVPN 2.x counts them when it sizes
     * control payloads (tls-crypt reserves one extra cipher block).
     */
    int overhead();
}

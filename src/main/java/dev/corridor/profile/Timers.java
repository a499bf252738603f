package dev.corridor.profile;

/**
 * Keepalive and lifetime timers from the profile, in seconds (0 = off).
 *
 * @param ping               send a ping after this long without sending
 * @param pingRestart        reconnect after this long without hearing from the server
 * @param pingExit           give up after this long without hearing from the server
 * @param inactive           disconnect after this long without tunnel traffic
 * @param inactiveBytes      traffic below this many bytes per {@code inactive} period counts as idle
 * @param explicitExitNotify tell the server on disconnect, retrying this many times (UDP)
 * @param handWindow         the whole handshake must finish within this many seconds
 * @param tlsTimeout         first retransmission timeout of control packets
 */
public record Timers(int ping, int pingRestart, int pingExit, int inactive, long inactiveBytes,
        int explicitExitNotify, int handWindow, int tlsTimeout) {}

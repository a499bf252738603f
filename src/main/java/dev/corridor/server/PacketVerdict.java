package dev.corridor.server;

/** What the endpoint did with one IP packet a client sent through the tunnel. */
public enum PacketVerdict {
    /** The virtual network answered it; the reply went back to the client. */
    ANSWERED,
    /** Written to the server's TUN device, for the kernel to route into the networks behind the endpoint. */
    FORWARDED,
    /** Addressed to another connected client (client-to-client). */
    TO_CLIENT,
    /** Not IPv4, cut short, or not from the client's own tunnel address. */
    SPOOFED_OR_MALFORMED,
    /** No authorization rule lets this client reach the destination. */
    UNAUTHORIZED,
    /** Allowed, but nothing behind the endpoint serves it. */
    NOT_SERVED
}

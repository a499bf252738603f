package dev.corridor.net;

import java.util.Locale;

/**
 * Whether global IPv6 is routed into the tunnel (and dropped there) when the tunnel itself carries
 * no IPv6, so that IPv6 traffic cannot leave the machine around the VPN.
 */
public enum Ipv6LeakGuard {
    /** On for full tunnel ({@code redirect-gateway}), off for split tunnel. */
    AUTO,
    /** On for full and split tunnel. */
    ALWAYS,
    /** Off. */
    NEVER;

    /** Parses {@code auto}, {@code always} or {@code never} (any case). */
    public static Ipv6LeakGuard parse(String text) {
        String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Ipv6LeakGuard value : values()) {
            if (value.name().equals(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown IPv6 leak guard setting '" + text
                + "' (expected auto, always or never)");
    }
}

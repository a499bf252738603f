package dev.corridor.net;

import java.util.Locale;

/** How the tunnel address is laid out, as OpenVPN's {@code topology} option names it. */
public enum Topology {
    /** {@code ifconfig <address> <netmask>}: the tunnel is a subnet; the gateway is pushed as route-gateway. */
    SUBNET,
    /** {@code ifconfig <local> <peer>}: a point-to-point link inside a /30 (OpenVPN 2.6's default). */
    NET30,
    /** {@code ifconfig <local> <peer>}: a plain point-to-point link. */
    P2P;

    /** Parses {@code subnet}, {@code net30} or {@code p2p} (any case). */
    public static Topology parse(String text) {
        String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "subnet":
                return SUBNET;
            case "net30":
                return NET30;
            case "p2p":
                return P2P;
            default:
                throw new IllegalArgumentException("unknown topology '" + text + "' (expected subnet, net30 or p2p)");
        }
    }

    /** True for the point-to-point layouts, where the second ifconfig argument is the peer. */
    public boolean pointToPoint() {
        return this != SUBNET;
    }
}

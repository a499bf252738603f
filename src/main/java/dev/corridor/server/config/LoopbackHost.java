package dev.corridor.server.config;

import java.util.Locale;
import java.util.Set;

/**
 * Decides, without a DNS lookup, whether a URL's host is this machine: {@code localhost}, an IPv4
 * address in 127.0.0.0/8, or the IPv6 loopback {@code [::1]}. Plain http is allowed only there.
 */
public final class LoopbackHost {
    private static final Set<String> IPV6_LOOPBACK = Set.of("[::1]", "[0:0:0:0:0:0:0:1]");

    private LoopbackHost() {}

    /** True when {@code host} (as {@link java.net.URI#getHost()} gives it) names the loopback interface. */
    public static boolean is(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || IPV6_LOOPBACK.contains(lower)) {
            return true;
        }
        return Ipv4Address.parse(lower).map(address -> (address.value() >>> 24) == 127).orElse(false);
    }
}

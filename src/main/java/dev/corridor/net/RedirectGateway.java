package dev.corridor.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The flags of OpenVPN's {@code redirect-gateway} option, i.e. whether and how the tunnel becomes
 * the default route.
 *
 * @param enabled    the option was given at all (otherwise everything else is false and ignored)
 * @param def1       use 0.0.0.0/1 + 128.0.0.0/1 instead of replacing the default route
 * @param local      the server is on the local network: no host route to it through the old gateway
 * @param blockLocal also send the local LAN (except its gateway) into the tunnel
 * @param bypassDhcp keep a host route to the DHCP server through the old gateway
 * @param bypassDns  keep host routes to the previous DNS servers through the old gateway
 * @param ipv6       redirect IPv6 as well
 * @param ipv4       redirect IPv4 ({@code !ipv4} turns it off, leaving only IPv6)
 */
public record RedirectGateway(boolean enabled, boolean def1, boolean local, boolean blockLocal, boolean bypassDhcp,
        boolean bypassDns, boolean ipv6, boolean ipv4) {

    /** No redirect-gateway: a split tunnel. */
    public static final RedirectGateway NONE = new RedirectGateway(false, false, false, false, false, false, false,
            false);

    /**
     * Parses the option's words as pushed or written in a profile, e.g. {@code [def1, bypass-dhcp]};
     * an empty list means the option is absent. {@code autolocal} is treated as not local (the
     * server route is always kept), and {@code !ipv4} turns IPv4 redirection off.
     */
    public static RedirectGateway parse(Collection<String> words) {
        if (words.isEmpty()) {
            return NONE;
        }
        boolean def1 = false;
        boolean local = false;
        boolean blockLocal = false;
        boolean bypassDhcp = false;
        boolean bypassDns = false;
        boolean ipv6 = false;
        boolean ipv4 = true;
        List<String> unknown = new ArrayList<>();
        for (String raw : words) {
            String word = raw.strip().toLowerCase(Locale.ROOT);
            switch (word) {
                case "redirect-gateway":
                case "":
                case "autolocal":
                    break;
                case "def1":
                    def1 = true;
                    break;
                case "local":
                    local = true;
                    break;
                case "block-local":
                    blockLocal = true;
                    break;
                case "bypass-dhcp":
                    bypassDhcp = true;
                    break;
                case "bypass-dns":
                    bypassDns = true;
                    break;
                case "ipv6":
                    ipv6 = true;
                    break;
                case "!ipv4":
                    ipv4 = false;
                    break;
                default:
                    unknown.add(raw);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown redirect-gateway flag(s): " + String.join(", ", unknown));
        }
        return new RedirectGateway(true, def1, local, blockLocal, bypassDhcp, bypassDns, ipv6, ipv4);
    }

    /** True when IPv4 traffic goes into the tunnel by default. */
    public boolean redirectsIpv4() {
        return enabled && ipv4;
    }

    /** True when IPv6 traffic goes into the tunnel by default. */
    public boolean redirectsIpv6() {
        return enabled && ipv6;
    }
}

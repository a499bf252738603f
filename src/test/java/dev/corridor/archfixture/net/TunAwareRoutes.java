package dev.corridor.archfixture.net;

import dev.corridor.archfixture.tun.FixtureTun;

/** Breaks net-stands-alone: a route plan that holds the TUN device instead of its name. */
public final class TunAwareRoutes {
    private FixtureTun tun;

    public String interfaceName() {
        return tun.name();
    }
}

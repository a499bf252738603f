package dev.corridor.archfixture.tun;

import dev.corridor.archfixture.net.FixtureRoutePlan;

/** Breaks tun-stands-alone: a TUN device that applies routes. */
public final class NetAwareTun {
    private FixtureRoutePlan routes;

    public FixtureRoutePlan routes() {
        return routes;
    }
}

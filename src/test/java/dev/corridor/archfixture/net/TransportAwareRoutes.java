package dev.corridor.archfixture.net;

import dev.corridor.archfixture.transport.FixtureLink;

/** Breaks net-stands-alone: a route plan that reaches into transport. */
public final class TransportAwareRoutes {
    private FixtureLink link;

    public FixtureLink link() {
        return link;
    }
}

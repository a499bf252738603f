package dev.corridor.archfixture.tun;

import dev.corridor.archfixture.transport.FixtureLink;

/** Breaks tun-stands-alone: a TUN device that sends on a link. */
public final class TransportAwareTun {
    private FixtureLink link;

    public FixtureLink link() {
        return link;
    }
}

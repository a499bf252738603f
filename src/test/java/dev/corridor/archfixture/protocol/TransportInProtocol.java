package dev.corridor.archfixture.protocol;

import dev.corridor.archfixture.transport.FixtureLink;

/** Breaks protocol-stands-alone: the protocol holds a transport link. */
public final class TransportInProtocol {
    private final FixtureLink link = new FixtureLink();

    public FixtureLink link() {
        return link;
    }
}

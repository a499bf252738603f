package dev.corridor.archfixture.transport;

import dev.corridor.archfixture.tun.FixtureTun;

/** Breaks transport-stands-alone: a link that writes to the TUN device. */
public final class TunAwareLink {
    private FixtureTun tun;

    public FixtureTun tun() {
        return tun;
    }
}

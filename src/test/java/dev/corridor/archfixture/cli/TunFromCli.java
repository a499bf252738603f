package dev.corridor.archfixture.cli;

import dev.corridor.archfixture.tun.FixtureTun;

/** Breaks front-ends-reach-engine-through-client: the CLI opens the TUN device itself. */
public final class TunFromCli {
    private FixtureTun tun;

    public FixtureTun tun() {
        return tun;
    }
}

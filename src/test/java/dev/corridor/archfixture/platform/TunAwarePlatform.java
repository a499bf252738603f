package dev.corridor.archfixture.platform;

import dev.corridor.archfixture.tun.FixtureTun;

/** Breaks low-level-rooms-do-not-reach-up: platform code reaches the TUN device. */
public final class TunAwarePlatform {
    private FixtureTun tun;

    public FixtureTun tun() {
        return tun;
    }
}

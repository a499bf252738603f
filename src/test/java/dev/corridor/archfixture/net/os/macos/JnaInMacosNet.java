package dev.corridor.archfixture.net.os.macos;

import com.sun.jna.Pointer;
import dev.corridor.archfixture.net.FixtureRoutePlan;

/** Compliant: a per-OS network configurator is allowed to use JNA. */
public final class JnaInMacosNet {
    private Pointer routingSocket;

    public boolean apply(FixtureRoutePlan plan) {
        return routingSocket != null && plan.cidr() != null;
    }
}

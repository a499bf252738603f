package dev.corridor.archfixture.profile;

import dev.corridor.archfixture.client.FixtureVpnClient;

/** Breaks low-level-rooms-do-not-reach-up: the profile model knows the client engine. */
public final class ClientAwareProfile {
    private FixtureVpnClient client;

    public FixtureVpnClient client() {
        return client;
    }
}

package dev.corridor.archfixture.server;

import dev.corridor.archfixture.client.FixtureVpnClient;

/** Breaks engine-does-not-reach-up: the test server borrows the client engine. */
public final class ClientAwareServer {
    private final FixtureVpnClient client = new FixtureVpnClient();

    public FixtureVpnClient client() {
        return client;
    }
}

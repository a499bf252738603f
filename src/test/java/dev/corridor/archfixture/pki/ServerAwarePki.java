package dev.corridor.archfixture.pki;

import dev.corridor.archfixture.server.FixtureServer;

/** Breaks low-level-rooms-do-not-reach-up: pki reaches into the test server. */
public final class ServerAwarePki {
    private FixtureServer server;

    public FixtureServer server() {
        return server;
    }
}

package dev.corridor.archfixture.ui;

import dev.corridor.archfixture.server.FixtureServer;

/** Breaks front-ends-reach-engine-through-client: the GUI reaches into the test server. */
public final class ServerFromUi {
    private FixtureServer server;

    public FixtureServer server() {
        return server;
    }
}

package dev.corridor.archfixture.client;

import dev.corridor.archfixture.auth.FixtureCredentials;
import dev.corridor.archfixture.net.FixtureRoutePlan;
import dev.corridor.archfixture.protocol.ProfileReadingProtocol;
import dev.corridor.archfixture.transport.FixtureLink;
import dev.corridor.archfixture.tun.FixtureTun;

/** Compliant: the client is the room that combines protocol, transport, tun, net and auth. */
public final class FixtureVpnClient {
    private final ProfileReadingProtocol protocol = new ProfileReadingProtocol();
    private final FixtureLink link = new FixtureLink();
    private FixtureTun tun;
    private FixtureRoutePlan routes;
    private FixtureCredentials credentials;

    public String connect() {
        return protocol.peerInfo(credentials.profile(), credentials) + link + tun + routes;
    }
}

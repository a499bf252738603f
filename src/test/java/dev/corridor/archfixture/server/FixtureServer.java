package dev.corridor.archfixture.server;

import dev.corridor.archfixture.pki.FixtureCa;
import dev.corridor.archfixture.protocol.wire.ByteStreamCodec;
import dev.corridor.archfixture.transport.FixtureLink;

/** Compliant: the test server combines protocol, transport and pki on its own side. */
public final class FixtureServer {
    private final ByteStreamCodec codec = new ByteStreamCodec();
    private final FixtureLink link = new FixtureLink();
    private final FixtureCa ca = new FixtureCa();

    public String describe() {
        return codec + " " + link + " " + ca;
    }
}

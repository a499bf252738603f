package dev.corridor.archfixture.transport;

import java.io.IOException;
import java.net.DatagramSocket;

/** Compliant: transport is where sockets belong. */
public final class FixtureLink {
    public DatagramSocket open() throws IOException {
        return new DatagramSocket();
    }
}

package dev.corridor.cli.demo;

import dev.corridor.server.EndpointServer;
import java.util.Objects;

/**
 * A demo endpoint served by an {@link EndpointServer} of this process (127.0.0.1, virtual network).
 *
 * @param server the running server
 */
public record InProcessServer(EndpointServer server) implements DemoServer {
    public InProcessServer {
        Objects.requireNonNull(server, "server");
    }

    @Override
    public void stop() {
        server.stop();
    }
}

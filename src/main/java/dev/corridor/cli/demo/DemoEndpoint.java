package dev.corridor.cli.demo;

import dev.corridor.server.idp.TestIdp;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One running demo endpoint: its test server, the test IdP of the SAML endpoint, and the name of
 * the profile that connects to it.
 *
 * @param mode        which authentication mode it demonstrates
 * @param folder      its {@code server init} folder
 * @param server      the running server (in this process, or a child in the lab's server namespace)
 * @param address     where the server listens (kept: the server cannot tell once stopped)
 * @param idp         the running test IdP (SAML only)
 * @param idpUrl      the test IdP's sign-in URL (SAML only)
 * @param profileName the imported profile's display name
 */
public record DemoEndpoint(DemoMode mode, Path folder, DemoServer server, InetSocketAddress address,
        Optional<TestIdp> idp, Optional<String> idpUrl, String profileName) implements AutoCloseable {
    public DemoEndpoint {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(idp, "idp");
        Objects.requireNonNull(idpUrl, "idpUrl");
        Objects.requireNonNull(profileName, "profileName");
    }

    /** Stops the server and the IdP. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            idp.ifPresent(TestIdp::close);
        }
    }
}

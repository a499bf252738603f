package dev.corridor.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the self-service portal (on when {@code selfServicePortal} is true) listens and what it
 * hands out. It always listens on 127.0.0.1: it is plain HTTP, for a test endpoint on one machine.
 *
 * <pre>
 *   "portal": { "port": 8445, "profileFile": "clients/downloaded-client-config.ovpn",
 *               "installersFolder": "installers" }
 * </pre>
 *
 * @param port             the TCP port on 127.0.0.1, 0 for any free port
 * @param profileFile      the endpoint's client configuration file, as exported
 * @param installersFolder the folder whose files are offered as client installers (may be missing: none)
 */
public record PortalOptions(int port, Path profileFile, Path installersFolder) {
    /** The port unless told otherwise (next to the test IdP's 8444). */
    public static final int DEFAULT_PORT = 8445;
    /** The exported configuration's file name on AWS, written by {@code server init}. */
    public static final String EXPORTED_PROFILE_NAME = "downloaded-client-config.ovpn";
    /** The exported configuration unless told otherwise. */
    public static final Path DEFAULT_PROFILE_FILE = Path.of("clients", EXPORTED_PROFILE_NAME);
    /** The installers folder unless told otherwise. */
    public static final Path DEFAULT_INSTALLERS_FOLDER = Path.of("installers");

    public PortalOptions {
        Objects.requireNonNull(profileFile, "profileFile");
        Objects.requireNonNull(installersFolder, "installersFolder");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a TCP port is 0 to 65535: " + port);
        }
    }

    /** The defaults: port 8445, the exported profile in clients/, installers/. */
    public static PortalOptions defaults() {
        return new PortalOptions(DEFAULT_PORT, DEFAULT_PROFILE_FILE, DEFAULT_INSTALLERS_FOLDER);
    }
}

package dev.corridor.it;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The VPN server in {@link ConnectLab}'s server namespace, whatever its kind (Debian's OpenVPN today,
 * {@code corridor server run} later): it listens on {@link ConnectLab#SERVER_ADDRESS} UDP 1194, gives
 * clients addresses in 10.77.0.0/24 (topology subnet), pushes a route to 10.100.0.0/24, DNS
 * {@link ConnectLab#PRIVATE_HOST} and domain corridor.test, and forwards between the tunnel and
 * the private network.
 */
interface LabServer extends AutoCloseable {
    /** The server's address inside the tunnel. */
    String TUNNEL_ADDRESS = "10.77.0.1";

    /** What the server pushes beyond the common settings. */
    enum Push {
        /** Only the private network's route. */
        SPLIT_TUNNEL,
        /** {@code redirect-gateway def1} as well. */
        FULL_TUNNEL
    }

    /** Starts one kind of server in the lab. */
    @FunctionalInterface
    interface Kind {
        LabServer start(ConnectLab lab, Push push) throws IOException, InterruptedException;
    }

    /** Writes a client profile (certificates inline) that connects to this server; returns its path. */
    Path writeClientProfile(Path folder) throws IOException;

    /** The server's log so far (for failure messages). */
    String log();

    /** Waits until the server's log contains {@code text}. */
    void awaitLog(String text, java.time.Duration timeout) throws InterruptedException;

    /**
     * Ends the connected client's session as an administrator would: with RESTART (the client may
     * reconnect at once) or HALT (for good).
     */
    void endClientSession(boolean halt) throws InterruptedException;

    /** Stops the server and removes its files. */
    @Override
    void close() throws InterruptedException;
}

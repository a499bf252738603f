package dev.corridor.client;

import dev.corridor.profile.Profile;
import java.util.function.Consumer;

/**
 * The engine as the window and the CLI see it: connect a profile, watch events, read statistics,
 * disconnect. Shaped so that it can later move into a privileged service behind IPC unchanged.
 */
public interface VpnClient extends AutoCloseable {
    /** Starts connecting in the background; events report the progress. */
    void connect(String profileName, Profile profile, ConnectOptions options);

    /** Ends the connection (telling the server when the protocol allows); returns at once. */
    void disconnect();

    ConnectionState state();

    TunnelStatistics statistics();

    /** Registers a listener; called on the engine's thread, so it must return quickly. */
    void addListener(Consumer<ConnectionEvent> listener);

    /** Disconnects and releases the engine's threads. */
    @Override
    void close();
}

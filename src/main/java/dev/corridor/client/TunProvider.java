package dev.corridor.client;

import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Supplies the TUN device once the server's settings are known: an in-memory device for
 * {@code corridor check} and tests, a real device with addresses and routes for {@code connect}.
 */
public interface TunProvider {
    /**
     * Opens (or reuses, across reconnects) the device for these settings.
     *
     * @param settings what the server pushed
     * @param server   the VPN server's address the transport talks to (kept outside a full tunnel)
     */
    TunDevice open(TunnelSettings settings, InetSocketAddress server) throws IOException;

    /**
     * Called before each attempt with the server it will talk to: a provider whose live routes would
     * send that server's packets into the (now silent) tunnel takes them back first.
     */
    default void connecting(InetSocketAddress server) {}

    /** Called when the connection ends for good; the provider undoes what it set up. */
    void release();
}

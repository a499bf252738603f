package dev.corridor.client;

import dev.corridor.tun.TunDevice;
import java.io.IOException;

/**
 * Supplies the TUN device once the server's settings are known: an in-memory device for
 * {@code corridor check} and tests, a real device with addresses and routes for {@code connect}.
 */
public interface TunProvider {
    /** Opens (or reuses, across reconnects) the device for these settings. */
    TunDevice open(TunnelSettings settings) throws IOException;

    /** Called when the connection ends for good; the provider undoes what it set up. */
    void release();
}

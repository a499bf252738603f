package dev.corridor.client;

import dev.corridor.tun.InMemoryTun;
import dev.corridor.tun.TunDevice;
import java.net.InetSocketAddress;

/** Gives every connection the same in-memory TUN device: nothing on the host changes. */
public final class InMemoryTunProvider implements TunProvider {
    private volatile InMemoryTun device;

    @Override
    public synchronized TunDevice open(TunnelSettings settings, InetSocketAddress server) {
        if (device == null) {
            device = new InMemoryTun("mem0", Math.max(settings.tunMtu(), 576));
        }
        return device;
    }

    /** The device, once a connection has opened it. */
    public InMemoryTun device() {
        return device;
    }

    @Override
    public synchronized void release() {
        if (device != null) {
            device.close();
        }
    }
}

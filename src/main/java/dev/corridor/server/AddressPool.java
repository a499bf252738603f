package dev.corridor.server;

import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import java.util.BitSet;
import java.util.Optional;

/**
 * Hands out client tunnel addresses from the endpoint's client CIDR (topology subnet).
 *
 * <pre>
 *   10.200.0.0/22:  .0.0 network | .0.1 server (route-gateway) | .0.2 ... .3.254 clients | .3.255 broadcast
 * </pre>
 *
 * Thread-safe (synchronized): the server's event loop leases, and releases on disconnect.
 */
public final class AddressPool {
    private final Ipv4Cidr network;
    private final int firstClient;
    private final int clientCount;
    private final BitSet leased = new BitSet();
    private int nextHint;

    public AddressPool(Ipv4Cidr network) {
        if (network.prefix() > 30) {
            throw new IllegalArgumentException("a client network needs room for the server and a client: " + network);
        }
        this.network = network.normalized();
        this.firstClient = this.network.network() + 2;
        this.clientCount = (int) (this.network.size() - 3);
    }

    /** The server's own tunnel address: the first usable address (pushed as route-gateway). */
    public Ipv4Address serverAddress() {
        return new Ipv4Address(network.network() + 1);
    }

    /** The network's mask in dotted form. */
    public String netmask() {
        return network.dottedMask();
    }

    /** The client network. */
    public Ipv4Cidr network() {
        return network;
    }

    /**
     * Leases {@code preferred} when it is a client address of this pool and free (a client coming
     * back gets its old address), otherwise any free one.
     */
    public synchronized Optional<Ipv4Address> lease(Optional<Ipv4Address> preferred) {
        if (preferred.isPresent()) {
            long index = (preferred.get().value() & 0xFFFFFFFFL) - (firstClient & 0xFFFFFFFFL);
            if (index >= 0 && index < clientCount && !leased.get((int) index)) {
                leased.set((int) index);
                return preferred;
            }
        }
        return lease();
    }

    /** Leases a free client address, or empty when every one is taken. */
    public synchronized Optional<Ipv4Address> lease() {
        int index = leased.nextClearBit(nextHint);
        if (index >= clientCount) {
            index = leased.nextClearBit(0);
            if (index >= clientCount) {
                return Optional.empty();
            }
        }
        leased.set(index);
        nextHint = index + 1;
        return Optional.of(new Ipv4Address(firstClient + index));
    }

    /** Gives an address back; addresses that were not leased are ignored. */
    public synchronized void release(Ipv4Address address) {
        long index = (address.value() & 0xFFFFFFFFL) - (firstClient & 0xFFFFFFFFL);
        if (index >= 0 && index < clientCount) {
            leased.clear((int) index);
        }
    }

    /** How many addresses are leased. */
    public synchronized int leasedCount() {
        return leased.cardinality();
    }
}

package dev.corridor.server;

import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import java.util.Collection;
import java.util.Optional;

/**
 * The networks behind the endpoint reached through the server's TUN device ({@link ServerTun}):
 * each client packet is checked as on a Client VPN endpoint, then written to the kernel, which
 * routes (and source-NATs) it into the networks behind.
 *
 * <pre>
 *   IPv4 packet from client C (tunnel address a, groups G):
 *     malformed / not IPv4 / source != a   ─► SPOOFED_OR_MALFORMED
 *     destination == server address         ─► FORWARDED (the kernel owns that address and answers)
 *     not allowed by the rules for G        ─► UNAUTHORIZED
 *     inside the client CIDR                ─► client-to-client on? TO_CLIENT : NOT_SERVED
 *     otherwise                             ─► FORWARDED
 * </pre>
 *
 * Immutable apart from the shared device: a reload makes a new one with new rules.
 */
final class TunNetwork implements EndpointNetwork {
    /** Where forwarded packets go: the server's TUN device ({@link ServerTun#write}). */
    @FunctionalInterface
    interface Kernel {
        void write(byte[] packet, int length);
    }

    private final Kernel tun;
    private final Ipv4Address serverAddress;
    private final AccessPolicy policy;
    private final Ipv4Cidr clientCidr;
    private final boolean clientToClient;

    TunNetwork(Kernel tun, Ipv4Address serverAddress, AccessPolicy policy, Ipv4Cidr clientCidr,
            boolean clientToClient) {
        this.tun = tun;
        this.serverAddress = serverAddress;
        this.policy = policy;
        this.clientCidr = clientCidr;
        this.clientToClient = clientToClient;
    }

    @Override
    public PacketVerdict handle(byte[] packet, int length, Ipv4Address client, Collection<String> groups) {
        Optional<Ipv4Address> destination = VirtualNetwork.destination(packet, length);
        if (destination.isEmpty() || VirtualNetwork.source(packet) != client.value()
                || VirtualNetwork.totalLength(packet) != length) {
            return PacketVerdict.SPOOFED_OR_MALFORMED;
        }
        if (!destination.get().equals(serverAddress)) {
            if (!policy.allows(destination.get(), groups)) {
                return PacketVerdict.UNAUTHORIZED;
            }
            if (clientCidr.contains(destination.get())) {
                return clientToClient && !destination.get().equals(client) ? PacketVerdict.TO_CLIENT
                        : PacketVerdict.NOT_SERVED;
            }
        }
        tun.write(packet, length);
        return PacketVerdict.FORWARDED;
    }
}

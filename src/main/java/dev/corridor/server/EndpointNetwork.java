package dev.corridor.server;

import dev.corridor.server.config.Ipv4Address;
import java.util.Collection;

/**
 * The networks behind the endpoint, as the data path hands client packets to them: the in-process
 * {@link VirtualNetwork} (no root) or a TUN device with kernel forwarding ({@link TunNetwork}).
 * Called on reader threads; implementations are immutable or thread-safe.
 */
interface EndpointNetwork {
    /**
     * Checks and delivers one IPv4 packet from the client with tunnel address {@code client} and
     * directory groups {@code groups}. On {@link PacketVerdict#ANSWERED} the reply has replaced the
     * packet in {@code packet} (its IPv4 total length gives the size).
     */
    PacketVerdict handle(byte[] packet, int length, Ipv4Address client, Collection<String> groups);
}

package dev.corridor.server;

import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.server.config.Route;
import dev.corridor.tun.packet.IcmpEcho;
import dev.corridor.tun.packet.UdpDatagram;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The in-process network behind the endpoint when it runs without root: it answers ICMP echo
 * requests sent to the server's tunnel address or to any address inside the route table that the
 * user is authorized for, UDP echo (port 7) inside the route table, and DNS queries for a test zone
 * sent to the pushed DNS servers, hands packets for other clients back to the server when client-to-client
 * is on, and drops everything else with a reason.
 *
 * <pre>
 *   IPv4 packet from client C (tunnel address a, groups G):
 *     malformed / not IPv4 / source != a     ─► SPOOFED_OR_MALFORMED
 *     destination == server address           ─► echo request? ANSWERED : NOT_SERVED
 *     not allowed by the rules for G          ─► UNAUTHORIZED
 *     inside the client CIDR                  ─► client-to-client on? TO_CLIENT : NOT_SERVED
 *     UDP to a pushed DNS server, port 53     ─► ANSWERED from the test zone (TestZoneDns)
 *     UDP inside a route, port 7 (echo)       ─► ANSWERED (the payload comes back)
 *     inside a route, ICMP echo request       ─► ANSWERED (reply written in place)
 *     otherwise                               ─► NOT_SERVED
 * </pre>
 */
public final class VirtualNetwork implements EndpointNetwork {

    private static final int IPV4_HEADER = 20;
    private static final int ECHO_PORT = 7;
    private static final int DNS_PORT = 53;

    private final Ipv4Address serverAddress;
    private final List<Route> routes;
    private final AccessPolicy policy;
    private final Optional<Ipv4Cidr> clientToClient;
    private final List<Ipv4Address> dnsServers;
    private final TestZoneDns dns;

    /**
     * @param serverAddress  the server's tunnel address
     * @param routes         the endpoint's route table
     * @param policy         the authorization rules
     * @param clientToClient the client CIDR when client-to-client is on (still subject to the rules)
     * @param dnsServers     the pushed DNS servers: they answer for the test zone ({@link TestZoneDns})
     */
    public VirtualNetwork(Ipv4Address serverAddress, List<Route> routes, AccessPolicy policy,
            Optional<Ipv4Cidr> clientToClient, List<Ipv4Address> dnsServers) {
        this.serverAddress = serverAddress;
        this.routes = List.copyOf(routes);
        this.policy = policy;
        this.clientToClient = clientToClient;
        this.dnsServers = List.copyOf(dnsServers);
        this.dns = new TestZoneDns(serverAddress, this::routed);
    }

    /** Without client-to-client and DNS. */
    public VirtualNetwork(Ipv4Address serverAddress, List<Route> routes, AccessPolicy policy) {
        this(serverAddress, routes, policy, Optional.empty(), List.of());
    }

    /** The total length an IPv4 header gives: the size of a reply {@link #handle} wrote. */
    public static int totalLength(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    /** The IPv4 source address of a packet whose header {@link #destination} accepted. */
    static int source(byte[] packet) {
        return readInt(packet, 12);
    }

    private boolean routed(Ipv4Address address) {
        for (Route route : routes) {
            if (route.destination().prefix() > 0 && route.destination().contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The IPv4 destination of {@code packet}, or empty when it is not a whole IPv4 header. */
    public static Optional<Ipv4Address> destination(byte[] packet, int length) {
        return length >= IPV4_HEADER && (packet[0] & 0xF0) == 0x40
                ? Optional.of(new Ipv4Address(readInt(packet, 16))) : Optional.empty();
    }

    /**
     * Handles one packet from a client; on {@link PacketVerdict#ANSWERED} the reply has replaced the
     * request in {@code packet} ({@link #totalLength} gives its size; {@code packet} must have room
     * for a DNS answer, 16 bytes more than the query).
     */
    @Override
    public PacketVerdict handle(byte[] packet, int length, Ipv4Address clientAddress, Collection<String> groups) {
        Optional<Ipv4Address> destination = destination(packet, length);
        if (destination.isEmpty() || readInt(packet, 12) != clientAddress.value()) {
            return PacketVerdict.SPOOFED_OR_MALFORMED;
        }
        if (destination.get().equals(serverAddress)) {
            return IcmpEcho.answerInPlace(packet, length) ? PacketVerdict.ANSWERED : PacketVerdict.NOT_SERVED;
        }
        if (!policy.allows(destination.get(), groups)) {
            return PacketVerdict.UNAUTHORIZED;
        }
        if (clientToClient.isPresent() && clientToClient.get().contains(destination.get())) {
            return destination.get().equals(clientAddress) ? PacketVerdict.NOT_SERVED : PacketVerdict.TO_CLIENT;
        }
        if (UdpDatagram.isUdp(packet, length) && UdpDatagram.checksumValid(packet)) {
            return udp(packet, destination.get());
        }
        return routed(destination.get()) && IcmpEcho.answerInPlace(packet, length)
                ? PacketVerdict.ANSWERED : PacketVerdict.NOT_SERVED;
    }

    private PacketVerdict udp(byte[] packet, Ipv4Address destination) {
        int port = UdpDatagram.destinationPort(packet);
        if (port == DNS_PORT && dnsServers.contains(destination)) {
            int reply = dns.answer(packet, UdpDatagram.payloadOffset(packet), UdpDatagram.payloadLength(packet));
            if (reply < 0) {
                return PacketVerdict.NOT_SERVED;
            }
            UdpDatagram.answerInPlace(packet, reply);
            return PacketVerdict.ANSWERED;
        }
        if (port == ECHO_PORT && routed(destination)) {
            UdpDatagram.answerInPlace(packet, UdpDatagram.payloadLength(packet));
            return PacketVerdict.ANSWERED;
        }
        return PacketVerdict.NOT_SERVED;
    }

    private static int readInt(byte[] packet, int offset) {
        return ((packet[offset] & 0xFF) << 24) | ((packet[offset + 1] & 0xFF) << 16)
                | ((packet[offset + 2] & 0xFF) << 8) | (packet[offset + 3] & 0xFF);
    }
}

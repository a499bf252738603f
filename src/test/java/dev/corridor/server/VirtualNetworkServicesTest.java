package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.server.config.AuthorizationRule;
import dev.corridor.server.config.Audience;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.server.config.Route;
import dev.corridor.tun.packet.UdpDatagram;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** UDP echo and the test zone's DNS answers of the virtual network, byte by byte. */
class VirtualNetworkServicesTest {
    private static final Ipv4Address CLIENT = ip("10.200.0.2");
    private final VirtualNetwork network = new VirtualNetwork(ip("10.200.0.1"),
            List.of(new Route(Ipv4Cidr.parse("10.100.0.0/16").orElseThrow(), "local", "private")),
            new AccessPolicy(List.of(new AuthorizationRule(Ipv4Cidr.parse("10.100.0.0/16").orElseThrow(),
                    new Audience.Group("engineering"), "private"))),
            Optional.empty(), List.of(ip("10.100.0.2")));

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text).orElseThrow();
    }

    private static Inet4Address inet(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    /** A DNS query with one question, recursion desired. */
    private static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(new byte[] {0, 0, (byte) type, 0, 1});
        return out.toByteArray();
    }

    private byte[] ask(String name, int type, String... groups) throws Exception {
        byte[] packet = UdpDatagram.build(inet("10.200.0.2"), 40000, inet("10.100.0.2"), 53, query(0x1234, name, type),
                64);
        PacketVerdict verdict = network.handle(packet, VirtualNetwork.totalLength(packet), CLIENT,
                List.of(groups));
        assertThat(verdict).isEqualTo(PacketVerdict.ANSWERED);
        assertThat(UdpDatagram.isUdp(packet, VirtualNetwork.totalLength(packet))).isTrue();
        assertThat(UdpDatagram.checksumValid(packet)).isTrue();
        assertThat(UdpDatagram.sourcePort(packet)).isEqualTo(53);
        assertThat(UdpDatagram.destinationPort(packet)).isEqualTo(40000);
        assertThat(Arrays.copyOfRange(packet, 16, 20)).containsExactly(10, (byte) 200, 0, 2);
        int at = UdpDatagram.payloadOffset(packet);
        return Arrays.copyOfRange(packet, at, at + UdpDatagram.payloadLength(packet));
    }

    @Test
    void theEndpointNameResolvesToTheServersTunnelAddress() throws Exception {
        byte[] reply = ask("endpoint.corridor.test", 1, "engineering");

        assertThat(reply[0]).isEqualTo((byte) 0x12);
        assertThat(reply[1]).isEqualTo((byte) 0x34);
        assertThat(reply[2] & 0xff).isEqualTo(0x85); // QR, AA, RD
        assertThat(reply[3] & 0x0f).isZero();
        assertThat(reply[7]).isEqualTo((byte) 1); // one answer
        assertThat(Arrays.copyOfRange(reply, reply.length - 4, reply.length)).containsExactly(10, (byte) 200, 0, 1);
    }

    @Test
    void addressNamesInsideTheRouteTableResolveAndOthersDoNot() throws Exception {
        byte[] inside = ask("IP-10-100-0-5.Corridor.Test", 1, "engineering");
        assertThat(Arrays.copyOfRange(inside, inside.length - 4, inside.length)).containsExactly(10, 100, 0, 5);

        assertThat(ask("ip-192-0-2-1.corridor.test", 1, "engineering")[3] & 0x0f).isEqualTo(3); // NXDOMAIN
        assertThat(ask("nothing.corridor.test", 1, "engineering")[3] & 0x0f).isEqualTo(3);
        assertThat(ask("example.com", 1, "engineering")[3] & 0x0f).isEqualTo(5); // REFUSED
        byte[] aaaa = ask("endpoint.corridor.test", 28, "engineering");
        assertThat(aaaa[3] & 0x0f).isZero();
        assertThat(aaaa[7]).isZero();
    }

    @Test
    void theDnsServerIsSubjectToTheAuthorizationRules() throws Exception {
        byte[] packet = UdpDatagram.build(inet("10.200.0.2"), 40000, inet("10.100.0.2"), 53,
                query(1, "endpoint.corridor.test", 1), 64);
        assertThat(network.handle(packet, VirtualNetwork.totalLength(packet), CLIENT, List.of()))
                .isEqualTo(PacketVerdict.UNAUTHORIZED);
    }

    @Test
    void udpEchoInsideTheRouteTableComesBack() throws Exception {
        byte[] payload = "hello through the tunnel".getBytes(StandardCharsets.US_ASCII);
        byte[] packet = UdpDatagram.build(inet("10.200.0.2"), 5555, inet("10.100.7.7"), 7, payload, 0);

        assertThat(network.handle(packet, packet.length, CLIENT, List.of("engineering")))
                .isEqualTo(PacketVerdict.ANSWERED);
        assertThat(UdpDatagram.checksumValid(packet)).isTrue();
        assertThat(UdpDatagram.sourcePort(packet)).isEqualTo(7);
        assertThat(UdpDatagram.destinationPort(packet)).isEqualTo(5555);
        assertThat(Arrays.copyOfRange(packet, 28, packet.length)).isEqualTo(payload);

        byte[] otherPort = UdpDatagram.build(inet("10.200.0.2"), 5555, inet("10.100.7.7"), 9, payload, 0);
        assertThat(network.handle(otherPort, otherPort.length, CLIENT, List.of("engineering")))
                .isEqualTo(PacketVerdict.NOT_SERVED);
        byte[] corrupted = UdpDatagram.build(inet("10.200.0.2"), 5555, inet("10.100.7.7"), 7, payload, 0);
        corrupted[30] ^= 1;
        assertThat(network.handle(corrupted, corrupted.length, CLIENT, List.of("engineering")))
                .isEqualTo(PacketVerdict.NOT_SERVED);
    }

    @Property
    void anyBytesSentToTheDnsServerNeverThrow(@ForAll byte[] payload) throws Exception {
        byte[] packet = UdpDatagram.build(inet("10.200.0.2"), 40000, inet("10.100.0.2"), 53, payload, 16);
        network.handle(packet, VirtualNetwork.totalLength(packet), CLIENT, List.of("engineering"));
    }

    @Test
    void anAnswerWithoutRoomInTheBufferIsDroppedNotWrittenPastTheEnd() throws Exception {
        byte[] query = query(7, "endpoint.corridor.test", 1);
        byte[] packet = UdpDatagram.build(inet("10.200.0.2"), 40000, inet("10.100.0.2"), 53, query, 0);
        assertThat(network.handle(packet, packet.length, CLIENT, List.of("engineering")))
                .isEqualTo(PacketVerdict.NOT_SERVED); // no room for the answer: dropped
    }
}

package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.transport.InMemoryLink;
import dev.corridor.tun.InMemoryTun;
import org.junit.jupiter.api.Test;

/** The data plane drops IPv6 packets from the TUN device when the server pushed no IPv6, and counts them. */
class DataPlaneIpv6Test {
    private static final byte[] IPV4 = packet(0x45, 60);
    private static final byte[] IPV6 = packet(0x60, 80);

    @Test
    void ipv6IsDroppedAndCountedWhenTheTunnelCarriesNone() throws Exception {
        Run run = run(false);
        assertThat(run.plane().ipv6Dropped.sum()).isEqualTo(2);
        assertThat(run.plane().packetsOut.sum()).isEqualTo(1);
        assertThat(run.sent()).isEqualTo(1);
    }

    @Test
    void ipv6IsForwardedWhenTheServerPushedAnIpv6Address() throws Exception {
        Run run = run(true);
        assertThat(run.plane().ipv6Dropped.sum()).isZero();
        assertThat(run.plane().packetsOut.sum()).isEqualTo(3);
        assertThat(run.sent()).isEqualTo(3);
    }

    @Test
    void theDropShowsInTheStatistics() throws Exception {
        Run run = run(false);
        EngineStatus status = new EngineStatus(event -> { });
        status.dataPlane(run.plane());
        assertThat(status.snapshot().dropped()).containsEntry("ipv6_not_carried", 2L);
    }

    private record Run(DataPlane plane, long sent) {}

    private static Run run(boolean forwardIpv6) throws Exception {
        InMemoryLink[] links = InMemoryLink.pair(InMemoryLink.Impairment.NONE);
        DataPlane plane = TunnelFixtures.keyedPlane(links[0]);
        InMemoryTun tun = new InMemoryTun("mem0", 1500);
        plane.attach(tun, forwardIpv6);
        tun.inject(IPV6);
        tun.inject(IPV4);
        tun.inject(IPV6);
        tun.close(); // the reader reads the three packets, then -1
        Thread reader = new Thread(plane::runTunReader);
        reader.start();
        reader.join(5000);
        assertThat(reader.isAlive()).isFalse();
        return new Run(plane, links[0].sentCount());
    }

    private static byte[] packet(int firstByte, int length) {
        byte[] packet = new byte[length];
        packet[0] = (byte) firstByte;
        return packet;
    }
}

package dev.corridor.bench.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tunnel benchmark's reading of iperf3 and server-load output, its options and its tables (no root). */
class TunnelFiguresTest {
    /** The {@code end} of an iperf3 3.12 UDP client run at 64 bytes: sender and receiver sums. */
    private static final String UDP_END = """
            {"sum_sent": {"seconds": 2.000057, "bytes": 40614400, "packets": 634600, "lost_packets": 0,
                          "lost_percent": 0, "sender": true},
             "sum_received": {"seconds": 2.000102, "bytes": 14637824, "packets": 634600, "lost_packets": 405884,
                              "lost_percent": 63.95902930980145, "sender": false}}
            """;

    @Test
    void udpPacketsPerSecondAreWhatTheReceiverGot() throws Exception {
        UdpRun run = UdpRun.parse("upload", 64, new ObjectMapper().readTree(UDP_END));

        assertThat(run.receivedPps()).isCloseTo((634600 - 405884) / 2.000102, offset(0.5));
        assertThat(run.sentPps()).isCloseTo(634600 / 2.000057, offset(0.5));
        assertThat(run.lossPercent()).isCloseTo(63.96, offset(0.01));
        assertThat(run.receivedPps() * 64 * 2.000102).isCloseTo(14637824, offset(64.0));
    }

    @Test
    void aUdpRunWithoutDatagramsIsAnError() throws Exception {
        assertThatThrownBy(() -> UdpRun.parse("upload", 1400, new ObjectMapper().readTree("{}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no datagrams");
    }

    @Test
    void sessionsFiguresComeFromTheServerLoadReport() {
        String report = """
                connected 998 of 1000 in 41.2 s: 24.2 handshakes/s
                server RSS (VmRSS): idle 118 MiB, all connected 260 MiB, after hold 262 MiB, after all left 250 MiB; peak (VmHWM) 270 MiB
                server heap used after a full GC: idle 18.0 MiB, 998 connected 69.5 MiB, after all left 19.5 MiB (52.0 KiB per connected client)
                """;

        SessionsMemory memory = SessionsMemory.parse("-Xmx256m", new Commands.Result(0, report));

        assertThat(memory).isEqualTo(new SessionsMemory("-Xmx256m", 1000, 998, 118, 260, 262, 270, 18.0, 69.5));
        assertThatThrownBy(() -> SessionsMemory.parse("", new Commands.Result(1, "boom")))
                .hasMessageContaining("exited 1").hasMessageContaining("boom");
    }

    @Test
    void partsAndOptions() {
        assertThat(Part.parse("tcp, UDP")).containsExactlyInAnyOrder(Part.TCP, Part.UDP);
        assertThatThrownBy(() -> Part.parse("tcp,latency")).hasMessageContaining("\"latency\"");

        TunnelBenchmark.Options defaults = TunnelBenchmark.Options.parse(new String[0]);
        assertThat(defaults.parts()).isEqualTo(EnumSet.allOf(Part.class));
        assertThat(defaults.sessions()).isEqualTo(1000);
        assertThat(defaults.sessionsXmx()).isEqualTo("256m");
        TunnelBenchmark.Options quick = TunnelBenchmark.Options.parse(new String[] {"--parts", "udp",
                "--java-options", "-Xmx64m -XX:+UseSerialGC"});
        assertThat(quick.commandLine()).isEqualTo("./bench/tunnel --parts udp --java-options \"-Xmx64m -XX:+UseSerialGC\"");
        assertThatThrownBy(() -> TunnelBenchmark.Options.parse(new String[] {"--sessions-xmx", "lots"}))
                .hasMessageContaining("--sessions-xmx");
    }

    @Test
    void tablesShowOnlyTheSelectedPartsAndTheRatios() {
        List<PairResult> pairs = List.of(
                pair(VpnClient.CORRIDOR, ServerKind.CORRIDOR, 30_000, 200_000),
                pair(VpnClient.OPENVPN, ServerKind.CORRIDOR, 20_000, 20_000),
                pair(VpnClient.CORRIDOR, ServerKind.OPENVPN, 25_000, 150_000),
                pair(VpnClient.OPENVPN, ServerKind.OPENVPN, 15_000, 10_000));

        String text = new ResultTable(pairs, Set.of(Part.UDP, Part.MEMORY), List.of()).markdown();

        assertThat(text).contains("UDP 64 B upload pps received (loss)").doesNotContain("TCP upload")
                .doesNotContain("connect median");
        assertThat(text).contains("| Corridor client | Corridor server | AES-256-GCM | 30,000 (10 %) | – | – | – |");
        // pair over pair: 30,000 / 15,000 pps; RSS (client + server) idle 400 / 20 KiB
        assertThat(text).contains("| Corridor client + server / OpenVPN client + server | 2.00 | – | – | – | 20.00 / 20.00 |");
        // servers compared with the Corridor client: 30,000 / 25,000 pps; the server side only, 200,000 / 150,000 KiB
        assertThat(text).contains("| Corridor server / OpenVPN server, both with the Corridor client | 1.20 | – | – | –"
                + " | 1.33 / 1.33 |");
    }

    private static PairResult pair(VpnClient client, ServerKind server, double pps, long serverKib) {
        long clientKib = client == VpnClient.CORRIDOR ? 200_000 : 10_000;
        return new PairResult(client, server, "AES-256-GCM", List.of(), Optional.empty(),
                List.of(new UdpRun("upload", 64, pps, pps * 10, 10)),
                Optional.of(new PairResult.PairMemory(clientKib, clientKib, serverKib, serverKib)));
    }
}

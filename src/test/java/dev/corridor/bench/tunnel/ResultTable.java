package dev.corridor.bench.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Markdown tables of one run: per selected part one table of every pair's figures, then the
 * Corridor / OpenVPN ratios (Corridor pair over OpenVPN pair; each Corridor side against the same
 * other side), then the Corridor server with many sessions. A figure not measured shows as "–".
 */
record ResultTable(List<PairResult> pairs, Set<Part> parts, List<SessionsMemory> sessions) {
    private static final int[] PAYLOADS = {64, 1400};
    private static final String[] DIRECTIONS = {"upload", "download"};
    private static final double KIB_PER_MIB = 1024.0;

    ResultTable {
        pairs = List.copyOf(pairs);
        parts = Set.copyOf(parts);
        sessions = List.copyOf(sessions);
    }

    /** Which processes a ratio row compares, for the memory column. */
    private enum Side { BOTH, CLIENT, SERVER }

    /** One ratio row: a Corridor pair over an OpenVPN pair. */
    private record Comparison(String name, PairResult corridor, PairResult openVpn, Side side) {}

    String markdown() {
        StringBuilder text = new StringBuilder();
        if (parts.contains(Part.TCP)) {
            pairTable(text, List.of("TCP upload Mbit/s (retr.)", "TCP download Mbit/s (retr.)"), pair -> pair.tcp()
                    .map(tcp -> List.of(tcpCell(tcp.upload()), tcpCell(tcp.download()))).orElse(dashes(2)));
        }
        if (parts.contains(Part.UDP)) {
            List<String> titles = new ArrayList<>();
            for (int payload : PAYLOADS) {
                for (String direction : DIRECTIONS) {
                    titles.add("UDP " + payload + " B " + direction + " pps received (loss)");
                }
            }
            pairTable(text, titles, pair -> {
                List<String> cells = new ArrayList<>();
                for (int payload : PAYLOADS) {
                    for (String direction : DIRECTIONS) {
                        cells.add(pair.udp(payload, direction).map(run -> String.format(Locale.ROOT, "%,.0f (%.0f %%)",
                                run.receivedPps(), run.lossPercent())).orElse("–"));
                    }
                }
                return cells;
            });
        }
        if (parts.contains(Part.CONNECT)) {
            pairTable(text, List.of("connect median ms", "connect min–max ms (n)"), pair -> pair.connectMillis()
                    .isEmpty() ? dashes(2) : List.of(String.format(Locale.ROOT, "%,.0f", pair.connectMedian()),
                            String.format(Locale.ROOT, "%,.0f–%,.0f (%d)", pair.connectMin(), pair.connectMax(),
                                    pair.connectMillis().size())));
        }
        if (parts.contains(Part.MEMORY)) {
            pairTable(text, List.of("client RSS idle MiB", "client RSS peak under TCP MiB", "server RSS idle MiB",
                    "server RSS peak under TCP MiB"), pair -> pair.memory().map(m -> List.of(mib(m.clientIdleKib()),
                            mib(m.clientPeakKib()), mib(m.serverIdleKib()), mib(m.serverPeakKib()))).orElse(dashes(4)));
        }
        ratios(text);
        sessionsTable(text);
        return text.toString();
    }

    private void pairTable(StringBuilder text, List<String> titles, Function<PairResult, List<String>> cells) {
        text.append("| client | server | cipher | ").append(String.join(" | ", titles)).append(" |\n");
        text.append("|---|---|---|").append("---:|".repeat(titles.size())).append('\n');
        for (PairResult pair : pairs) {
            text.append("| ").append(pair.client().label()).append(" | ").append(pair.server().label()).append(" | ")
                    .append(pair.cipher()).append(" | ").append(String.join(" | ", cells.apply(pair))).append(" |\n");
        }
        text.append('\n');
    }

    private void ratios(StringBuilder text) {
        List<Comparison> comparisons = new ArrayList<>();
        comparisons.add(new Comparison("Corridor client + server / OpenVPN client + server",
                pair(VpnClient.CORRIDOR, ServerKind.CORRIDOR), pair(VpnClient.OPENVPN, ServerKind.OPENVPN), Side.BOTH));
        comparisons.add(new Comparison("Corridor client / OpenVPN client, both against the OpenVPN server",
                pair(VpnClient.CORRIDOR, ServerKind.OPENVPN), pair(VpnClient.OPENVPN, ServerKind.OPENVPN), Side.CLIENT));
        comparisons.add(new Comparison("Corridor client / OpenVPN client, both against the Corridor server",
                pair(VpnClient.CORRIDOR, ServerKind.CORRIDOR), pair(VpnClient.OPENVPN, ServerKind.CORRIDOR),
                Side.CLIENT));
        comparisons.add(new Comparison("Corridor server / OpenVPN server, both with the OpenVPN client",
                pair(VpnClient.OPENVPN, ServerKind.CORRIDOR), pair(VpnClient.OPENVPN, ServerKind.OPENVPN), Side.SERVER));
        comparisons.add(new Comparison("Corridor server / OpenVPN server, both with the Corridor client",
                pair(VpnClient.CORRIDOR, ServerKind.CORRIDOR), pair(VpnClient.CORRIDOR, ServerKind.OPENVPN),
                Side.SERVER));
        List<String> titles = new ArrayList<>();
        if (parts.contains(Part.TCP)) {
            titles.addAll(List.of("TCP upload", "TCP download"));
        }
        if (parts.contains(Part.UDP)) {
            for (int payload : PAYLOADS) {
                for (String direction : DIRECTIONS) {
                    titles.add("UDP " + payload + " B " + direction + " pps");
                }
            }
        }
        if (parts.contains(Part.CONNECT)) {
            titles.add("connect median (lower is faster)");
        }
        if (parts.contains(Part.MEMORY)) {
            titles.add("RSS of the compared side idle / peak (lower is smaller)");
        }
        if (titles.isEmpty()) {
            return;
        }
        text.append("| ratio Corridor / OpenVPN | ").append(String.join(" | ", titles)).append(" |\n");
        text.append("|---|").append("---:|".repeat(titles.size())).append('\n');
        for (Comparison comparison : comparisons) {
            if (comparison.corridor() != null && comparison.openVpn() != null) {
                text.append("| ").append(comparison.name()).append(" | ").append(String.join(" | ", ratioCells(comparison)))
                        .append(" |\n");
            }
        }
        text.append('\n');
    }

    private List<String> ratioCells(Comparison c) {
        PairResult a = c.corridor();
        PairResult b = c.openVpn();
        List<String> cells = new ArrayList<>();
        if (parts.contains(Part.TCP)) {
            cells.add(ratio(a.tcp().map(t -> t.upload().mbitPerSecond()), b.tcp().map(t -> t.upload().mbitPerSecond())));
            cells.add(ratio(a.tcp().map(t -> t.download().mbitPerSecond()),
                    b.tcp().map(t -> t.download().mbitPerSecond())));
        }
        if (parts.contains(Part.UDP)) {
            for (int payload : PAYLOADS) {
                for (String direction : DIRECTIONS) {
                    cells.add(ratio(a.udp(payload, direction).map(UdpRun::receivedPps),
                            b.udp(payload, direction).map(UdpRun::receivedPps)));
                }
            }
        }
        if (parts.contains(Part.CONNECT)) {
            cells.add(ratio(Optional.of(a.connectMedian()).filter(v -> !v.isNaN()),
                    Optional.of(b.connectMedian()).filter(v -> !v.isNaN())));
        }
        if (parts.contains(Part.MEMORY)) {
            cells.add(ratio(a.memory().map(m -> idle(m, c.side())), b.memory().map(m -> idle(m, c.side()))) + " / "
                    + ratio(a.memory().map(m -> peak(m, c.side())), b.memory().map(m -> peak(m, c.side()))));
        }
        return cells;
    }

    private static double idle(PairResult.PairMemory memory, Side side) {
        return (side == Side.SERVER ? 0 : memory.clientIdleKib()) + (side == Side.CLIENT ? 0 : memory.serverIdleKib());
    }

    private static double peak(PairResult.PairMemory memory, Side side) {
        return (side == Side.SERVER ? 0 : memory.clientPeakKib()) + (side == Side.CLIENT ? 0 : memory.serverPeakKib());
    }

    private void sessionsTable(StringBuilder text) {
        if (sessions.isEmpty()) {
            return;
        }
        text.append("| Corridor server (`server run`, virtual network, loopback UDP) | JVM options | sessions"
                + " established | RSS idle MiB | RSS all connected MiB | RSS after 3 s hold MiB | VmHWM MiB |"
                + " RSS growth per session KiB | heap after full GC idle / all connected MiB |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SessionsMemory s : sessions) {
            text.append(String.format(Locale.ROOT, "| %,d sessions | %s | %,d | %d | %d | %d | %d | %.0f | %.1f / %.1f |%n",
                    s.clients(), s.javaOptions().isEmpty() ? "(defaults)" : "`" + s.javaOptions() + "`", s.connected(),
                    s.idleMib(), s.connectedMib(), s.heldMib(), s.peakMib(),
                    s.connected() == 0 ? Double.NaN : (s.heldMib() - s.idleMib()) * KIB_PER_MIB / s.connected(),
                    s.heapIdleMib(), s.heapHeldMib()));
        }
        text.append('\n');
    }

    private PairResult pair(VpnClient client, ServerKind server) {
        return pairs.stream().filter(p -> p.client() == client && p.server() == server).findFirst().orElse(null);
    }

    private static String ratio(Optional<Double> corridor, Optional<Double> openVpn) {
        if (corridor.isEmpty() || openVpn.isEmpty() || openVpn.get() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", corridor.get() / openVpn.get());
    }

    private static String tcpCell(IperfRun run) {
        return String.format(Locale.ROOT, "%,.0f (%d)", run.mbitPerSecond(), run.retransmits());
    }

    private static String mib(long kib) {
        return String.format(Locale.ROOT, "%,.1f", kib / KIB_PER_MIB);
    }

    private static List<String> dashes(int count) {
        return java.util.Collections.nCopies(count, "–");
    }
}

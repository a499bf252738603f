package dev.corridor.bench.tunnel;

import java.util.List;
import java.util.Locale;

/**
 * The Markdown tables of one run: every pair's throughput and connect time, then the Corridor /
 * OpenVPN ratios (Corridor pair over OpenVPN pair; each Corridor side against the same other side).
 */
record ResultTable(List<PairResult> pairs) {
    ResultTable {
        pairs = List.copyOf(pairs);
    }

    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("| client | server | cipher | TCP upload Mbit/s (retr.) | TCP download Mbit/s (retr.) |"
                + " connect median ms | connect min–max ms (n) |\n");
        text.append("|---|---|---|---:|---:|---:|---:|\n");
        for (PairResult pair : pairs) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f (%d) | %,.0f (%d) | %,.0f | %,.0f–%,.0f (%d) |%n",
                    pair.client().label(), pair.server().label(), pair.cipher(), pair.upload().mbitPerSecond(),
                    pair.upload().retransmits(), pair.download().mbitPerSecond(), pair.download().retransmits(),
                    pair.connectMedian(), pair.connectMin(), pair.connectMax(), pair.connectMillis().size()));
        }
        text.append('\n');
        text.append("| ratio Corridor / OpenVPN | TCP upload | TCP download | connect median (lower is faster) |\n");
        text.append("|---|---:|---:|---:|\n");
        ratio(text, "Corridor client + server / OpenVPN client + server", pair(VpnClient.CORRIDOR, ServerKind.CORRIDOR),
                pair(VpnClient.OPENVPN, ServerKind.OPENVPN));
        ratio(text, "Corridor client / OpenVPN client, both against the OpenVPN server",
                pair(VpnClient.CORRIDOR, ServerKind.OPENVPN), pair(VpnClient.OPENVPN, ServerKind.OPENVPN));
        ratio(text, "Corridor client / OpenVPN client, both against the Corridor server",
                pair(VpnClient.CORRIDOR, ServerKind.CORRIDOR), pair(VpnClient.OPENVPN, ServerKind.CORRIDOR));
        ratio(text, "Corridor server / OpenVPN server, both with the OpenVPN client",
                pair(VpnClient.OPENVPN, ServerKind.CORRIDOR), pair(VpnClient.OPENVPN, ServerKind.OPENVPN));
        ratio(text, "Corridor server / OpenVPN server, both with the Corridor client",
                pair(VpnClient.CORRIDOR, ServerKind.CORRIDOR), pair(VpnClient.CORRIDOR, ServerKind.OPENVPN));
        return text.toString();
    }

    private PairResult pair(VpnClient client, ServerKind server) {
        return pairs.stream().filter(p -> p.client() == client && p.server() == server).findFirst().orElse(null);
    }

    private static void ratio(StringBuilder text, String name, PairResult corridor, PairResult openVpn) {
        if (corridor == null || openVpn == null) {
            return;
        }
        text.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", name,
                corridor.upload().mbitPerSecond() / openVpn.upload().mbitPerSecond(),
                corridor.download().mbitPerSecond() / openVpn.download().mbitPerSecond(),
                corridor.connectMedian() / openVpn.connectMedian()));
    }
}

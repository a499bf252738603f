package dev.corridor.bench.tunnel;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The parts of a tunnel benchmark run that {@code --parts} selects (default: all). */
enum Part {
    /** iperf3 TCP upload and download, one stream, {@code --seconds} each. */
    TCP,
    /** iperf3 UDP floods at 64 and 1400 byte payloads, both ways, {@code --seconds} each. */
    UDP,
    /** {@code --connect-runs} connects per pair, process start to the first answered ping. */
    CONNECT,
    /** Client and server VmRSS idle and under TCP load; the Corridor server with {@code --sessions} sessions. */
    MEMORY;

    /** {@code "tcp,udp"} → {TCP, UDP}; fails with the known names for anything else. */
    static Set<Part> parse(String list) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : list.split(",")) {
            try {
                parts.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--parts: unknown part \"" + name.strip()
                        + "\"; known: tcp, udp, connect, memory");
            }
        }
        return parts;
    }

    String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.corridor.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's current state and counters, written by the session and reader threads and read by
 * anyone through {@link #snapshot()}; state changes are reported as events.
 */
final class EngineStatus {
    private final Consumer<ConnectionEvent> events;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String tlsSummary = "";
    private volatile long lastReceivedMillis;
    private volatile Instant connectedSince;
    private volatile long handshakeMillis;
    private volatile String cipher = "";
    private volatile DataPlane dataPlane;
    private volatile int renegotiations;

    EngineStatus(Consumer<ConnectionEvent> events) {
        this.events = events;
    }

    ConnectionState state() {
        return state;
    }

    void state(ConnectionState next, String detail) {
        state = next;
        events.accept(new ConnectionEvent.StateChanged(next, detail));
    }

    void tls(String summary) {
        tlsSummary = summary;
    }

    void received(long millis) {
        lastReceivedMillis = millis;
    }

    void dataPlane(DataPlane plane) {
        dataPlane = plane;
    }

    void connected(Instant since, long handshake, String cipherName) {
        connectedSince = since;
        handshakeMillis = handshake;
        cipher = cipherName;
    }

    void renegotiated() {
        renegotiations++;
    }

    /** Forgets the previous attempt's tunnel (before a reconnect). */
    void newAttempt() {
        connectedSince = null;
        dataPlane = null;
    }

    TunnelStatistics snapshot() {
        DataPlane plane = dataPlane;
        Map<String, Long> dropped = new LinkedHashMap<>();
        if (plane != null) {
            plane.drops().snapshot().forEach((reason, count) -> {
                if (count > 0) {
                    dropped.put(reason.name().toLowerCase(java.util.Locale.ROOT), count);
                }
            });
            long ipv6 = plane.ipv6Dropped.sum();
            if (ipv6 > 0) {
                dropped.put("ipv6_not_carried", ipv6);
            }
        }
        return new TunnelStatistics(plane == null ? 0 : plane.bytesIn.sum(), plane == null ? 0 : plane.bytesOut.sum(),
                plane == null ? 0 : plane.packetsIn.sum(), plane == null ? 0 : plane.packetsOut.sum(),
                lastReceivedMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastReceivedMillis)),
                Optional.ofNullable(connectedSince), handshakeMillis, cipher, tlsSummary, dropped, renegotiations,
                plane == null || plane.probe() == null ? Optional.empty() : plane.probe().last());
    }
}

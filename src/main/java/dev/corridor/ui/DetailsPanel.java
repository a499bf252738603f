package dev.corridor.ui;

import dev.corridor.client.TunnelSettings;
import dev.corridor.client.TunnelStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * The connection details: addresses, server and protocol, cipher, traffic counters, round-trip
 * time, connected time and the time left in the session. The time left counts down to
 * {@link TunnelSettings#sessionEnd()} when the server told it (Corridor's test server does, with
 * {@code setenv-safe CORRIDOR_SESSION_SECONDS_LEFT}); AWS's way of telling it is not public, so otherwise
 * that row says "not known" rather than guessing.
 */
final class DetailsPanel {
    /** Where the connection goes, as the engine reported it while connecting ("udp host/1.2.3.4:443"). */
    record Server(String protocol, String address) {
        /** Reads the engine's CONNECTING detail: the transport's wire name, a space, the socket address. */
        static Optional<Server> fromConnectingDetail(String detail) {
            int space = detail.indexOf(' ');
            if (space <= 0) {
                return Optional.empty();
            }
            String address = detail.substring(space + 1).strip();
            int slash = address.indexOf('/');
            if (slash == 0) {
                address = address.substring(1);
            } else if (slash > 0) {
                String host = address.substring(0, slash);
                String ip = address.substring(slash + 1);
                address = ip.startsWith(host) ? ip : host + " (" + ip + ")";
            }
            return Optional.of(new Server(detail.substring(0, space).toUpperCase(Locale.ROOT), address));
        }
    }

    private final GridPane grid = new GridPane();
    private final Map<String, Label> values = new LinkedHashMap<>();
    private final Map<String, Label> names = new LinkedHashMap<>();
    private final javafx.scene.control.Tooltip sessionWhy = new javafx.scene.control.Tooltip();
    private Optional<TunnelSettings> settings = Optional.empty();
    private Optional<Server> server = Optional.empty();
    private TunnelStatistics statistics = TunnelStatistics.empty();
    private Instant now = Instant.EPOCH;

    DetailsPanel(Labelling labels) {
        grid.setId("details");
        grid.setHgap(14);
        grid.setVgap(6);
        grid.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        String[] rows = {"ipv4", "ipv6", "server", "protocol", "cipher", "bytes", "packets", "round-trip",
            "connected-time", "session-left"};
        for (int i = 0; i < rows.length; i++) {
            Label name = new Label();
            name.setStyle("-fx-text-fill: derive(-fx-text-base-color, 35%);");
            Label value = new Label();
            value.setId("details-" + rows[i]);
            names.put(rows[i], name);
            values.put(rows[i], value);
            grid.addRow(i, name, value);
        }
        labels.add(this::render);
    }

    GridPane node() {
        return grid;
    }

    void settings(Optional<TunnelSettings> newSettings) {
        settings = newSettings;
    }

    void server(Optional<Server> newServer) {
        server = newServer;
    }

    /** Moves the panel's clock (connected time, time left) without new counters. */
    void at(Instant at) {
        now = at;
    }

    void statistics(TunnelStatistics newStatistics, Instant at) {
        statistics = newStatistics;
        now = at;
    }

    /** Writes every row in the language of {@code t}. */
    void render(Texts t) {
        String none = t.get("details.none");
        set(t, "ipv4", t.get("details.ipv4"), settings.map(s -> s.ipv4Address() + " (" + s.ipv4Netmask() + ")")
                .orElse(none));
        set(t, "ipv6", t.get("details.ipv6"), settings.flatMap(TunnelSettings::ipv6Address).orElse(none));
        set(t, "server", t.get("details.server"), server.map(Server::address).orElse(none));
        set(t, "protocol", t.get("details.protocol"), server.map(Server::protocol).orElse(none));
        set(t, "cipher", t.get("details.cipher"), settings.map(s -> s.cipher() + " (" + s.keyDerivation() + ")")
                .orElse(none));
        boolean up = settings.isPresent();
        set(t, "bytes", t.get("details.bytes"), up ? t.format("details.in-out", Amounts.bytes(statistics.bytesIn()),
                Amounts.bytes(statistics.bytesOut())) : none);
        set(t, "packets", t.get("details.packets"), up ? t.format("details.in-out",
                String.valueOf(statistics.packetsIn()), String.valueOf(statistics.packetsOut())) : none);
        set(t, "round-trip", t.get("details.round-trip"), up ? statistics.roundTrip()
                .map(d -> t.format("details.milliseconds", String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6)))
                .orElse(t.get("details.round-trip-none")) : none);
        Function<Instant, String> since = start -> Amounts.clock(Duration.between(start, now));
        set(t, "connected-time", t.get("details.connected-time"),
                up ? statistics.connectedSince().map(since).orElse(none) : none);
        Optional<Instant> sessionEnd = settings.flatMap(TunnelSettings::sessionEnd);
        set(t, "session-left", t.get("details.session-left"), !up ? none
                : sessionEnd.map(end -> Amounts.clock(Duration.between(now, end))).orElse(t.get("details.not-known")));
        Label sessionLeft = values.get("session-left");
        sessionWhy.setText(t.get("details.not-known.why"));
        boolean unknown = up && sessionEnd.isEmpty();
        sessionLeft.setTooltip(unknown ? sessionWhy : null);
        if (unknown) {
            sessionLeft.setAccessibleText(t.format("details.row.a11y", t.get("details.session-left"),
                    t.get("details.not-known.why")));
        }
    }

    private void set(Texts t, String row, String name, String value) {
        names.get(row).setText(name);
        Label label = values.get(row);
        label.setText(value);
        label.setAccessibleText(t.format("details.row.a11y", name, value));
    }

    /** The value shown in {@code row}, for tests. */
    String value(String row) {
        return values.get(row).getText();
    }
}

package dev.corridor.ui.manage;

import dev.corridor.client.ConnectionState;
import dev.corridor.ui.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The tray icon's menu and tooltip as plain values, worked out from a {@link TrayStatus}; the AWT
 * icon only copies them into its popup menu, so the rules are tested without a tray.
 *
 * <pre>
 *   Corridor: Connected (Work)        (disabled, the state)
 *   ─────────
 *   Disconnect "Work"                 (the active profile)
 *   Connect "Lab"                     (disabled while another connection exists)
 *   ─────────
 *   Show window
 *   Quit
 * </pre>
 */
final class TrayMenu {
    /** What a menu item does. */
    enum Kind { STATE, SEPARATOR, CONNECT, DISCONNECT, SHOW, QUIT }

    /** One menu item; {@code profile} is set for CONNECT and DISCONNECT. */
    record Item(Kind kind, String label, boolean enabled, String profile) {
        Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(label, "label");
        }
    }

    /** How the icon looks: one colour per group of states. */
    enum Look { DISCONNECTED, BUSY, CONNECTED }

    private TrayMenu() {}

    static List<Item> items(TrayStatus status, Texts texts) {
        List<Item> items = new ArrayList<>();
        items.add(new Item(Kind.STATE, tooltip(status, texts), false, null));
        items.add(new Item(Kind.SEPARATOR, "", false, null));
        String active = status.activeProfile().orElse(null);
        for (String profile : status.profiles()) {
            if (status.busy() && profile.equalsIgnoreCase(Objects.toString(active, ""))) {
                items.add(new Item(Kind.DISCONNECT, texts.format("manage.tray.disconnect", profile), true, profile));
            } else {
                items.add(new Item(Kind.CONNECT, texts.format("manage.tray.connect", profile), !status.busy(), profile));
            }
        }
        if (status.busy() && (active == null || status.profiles().stream().noneMatch(active::equalsIgnoreCase))) {
            items.add(new Item(Kind.DISCONNECT, texts.get("manage.tray.disconnectAny"), true, active));
        }
        if (status.profiles().isEmpty()) {
            items.add(new Item(Kind.STATE, texts.get("manage.tray.noProfiles"), false, null));
        }
        items.add(new Item(Kind.SEPARATOR, "", false, null));
        items.add(new Item(Kind.SHOW, texts.get("manage.tray.show"), true, null));
        items.add(new Item(Kind.QUIT, texts.get("manage.tray.quit"), true, null));
        return items;
    }

    /** {@code Corridor: Connected (Work)}. */
    static String tooltip(TrayStatus status, Texts texts) {
        String stateKey = "manage.tray.state." + status.state().name().toLowerCase(Locale.ROOT);
        String state = texts.get(stateKey);
        return status.activeProfile()
                .map(profile -> texts.format("manage.tray.tooltipWithProfile", state, profile))
                .orElseGet(() -> texts.format("manage.tray.tooltip", state));
    }

    static Look look(ConnectionState state) {
        if (state == ConnectionState.CONNECTED) {
            return Look.CONNECTED;
        }
        return state == ConnectionState.DISCONNECTED ? Look.DISCONNECTED : Look.BUSY;
    }
}

package dev.corridor.ui.manage;

import dev.corridor.client.ConnectionState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tray icon shows: the connection state, the profile it concerns, and the profiles the
 * menu offers to connect.
 *
 * @param state         the connection state
 * @param activeProfile the profile connected or being connected; empty when disconnected
 * @param profiles      the stored profiles' display names, in menu order
 */
public record TrayStatus(ConnectionState state, Optional<String> activeProfile, List<String> profiles) {
    public TrayStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activeProfile, "activeProfile");
        profiles = List.copyOf(profiles);
    }

    /** Disconnected, with these profiles to offer. */
    public static TrayStatus disconnected(List<String> profiles) {
        return new TrayStatus(ConnectionState.DISCONNECTED, Optional.empty(), profiles);
    }

    /** True for every state but DISCONNECTED: a connection exists or is being made. */
    public boolean busy() {
        return state != ConnectionState.DISCONNECTED;
    }
}

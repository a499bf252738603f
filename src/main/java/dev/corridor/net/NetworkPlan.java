package dev.corridor.net;

import java.util.List;

/**
 * The ordered changes that give the tunnel its network, plus notes on what the planner chose not to
 * do (e.g. no previous gateway to keep the server reachable through).
 */
public record NetworkPlan(List<NetworkChange> changes, List<String> notes) {
    public NetworkPlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }
}

package dev.corridor.client;

import dev.corridor.profile.Routing;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Pushed settings and profile routing values for the host-network tests of the client package. */
final class TunnelFixtures {
    private TunnelFixtures() {}

    static TunnelSettings pushed(List<String> routes, List<String> redirect, List<String> dns, int mtu) {
        return new TunnelSettings("10.77.0.2", "255.255.255.0", "subnet", Optional.of("10.77.0.1"), Optional.empty(),
                routes, List.of(), redirect, dns, List.of("corridor.test"), "AES-256-GCM", "tls-ekm",
                OptionalInt.empty(), 10, 60, mtu, List.of(), List.of(), Optional.empty());
    }

    static TunnelSettings pushed(List<String> routes) {
        return pushed(routes, List.of(), List.of("10.100.0.10"), 1500);
    }

    static Routing routing() {
        return new Routing(List.of(), List.of(), Optional.empty(), Optional.empty(), false, false, Optional.empty(),
                OptionalInt.empty(), List.of(), List.of());
    }
}

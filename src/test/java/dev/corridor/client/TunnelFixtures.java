package dev.corridor.client;

import dev.corridor.profile.DataChannelSettings;
import dev.corridor.profile.Routing;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.transport.PacketLink;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Pushed settings, profile routing values and a keyed data plane for the tests of the client package. */
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

    /** A client data plane on {@code link} with AES-256-GCM and a random key 0 installed. */
    static DataPlane keyedPlane(PacketLink link) {
        DataPlane plane = new DataPlane(link, DataCipher.forName("AES-256-GCM", "SHA1").orElseThrow(),
                OptionalInt.empty(), CompressionFraming.of(DataChannelSettings.Compression.NONE), new SecureRandom(),
                Clock.systemUTC());
        byte[] key = new byte[256];
        new SecureRandom().nextBytes(key);
        plane.install(0, Key2.of(key));
        return plane;
    }
}

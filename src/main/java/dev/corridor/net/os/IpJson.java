package dev.corridor.net.os;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.net.Addresses;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import dev.corridor.net.NetworkChangeException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the JSON that iproute2 prints with {@code ip -j} ({@code route show}, {@code addr show},
 * {@code link show}) into snapshot values.
 */
final class IpJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IpJson() {}

    /** Unicast routes of {@code ip -j -4|-6 route show table main}; "default" becomes 0.0.0.0/0 or ::/0. */
    static List<HostSnapshot.HostRoute> routes(String json, boolean ipv4) throws NetworkChangeException {
        List<HostSnapshot.HostRoute> routes = new ArrayList<>();
        for (JsonNode route : array(json, "ip route")) {
            String dst = route.path("dst").asText("");
            if (dst.isEmpty()) {
                continue;
            }
            IpPrefix destination = dst.equals("default") ? IpPrefix.parse(ipv4 ? "0.0.0.0/0" : "::/0")
                    : IpPrefix.parse(dst);
            Optional<InetAddress> gateway = route.hasNonNull("gateway")
                    ? Optional.of(Addresses.parse(route.get("gateway").asText())) : Optional.empty();
            Optional<String> link = route.hasNonNull("dev") ? Optional.of(route.get("dev").asText()) : Optional.empty();
            routes.add(new HostSnapshot.HostRoute(destination, gateway, link));
        }
        return routes;
    }

    /** The default route with the lowest metric, as a gateway. */
    static Optional<HostSnapshot.Gateway> defaultGateway(String json) throws NetworkChangeException {
        List<JsonNode> defaults = new ArrayList<>();
        for (JsonNode route : array(json, "ip route")) {
            if (route.path("dst").asText().equals("default") && route.hasNonNull("dev")
                    && route.path("type").asText("unicast").equals("unicast")) {
                defaults.add(route);
            }
        }
        return defaults.stream().min(Comparator.comparingLong(r -> r.path("metric").asLong(0)))
                .map(r -> new HostSnapshot.Gateway(r.hasNonNull("gateway")
                        ? Optional.of(Addresses.parse(r.get("gateway").asText())) : Optional.empty(),
                        r.get("dev").asText()));
    }

    /** Every address of {@code ip -j addr show}. */
    static List<HostSnapshot.LinkAddress> addresses(String json) throws NetworkChangeException {
        List<HostSnapshot.LinkAddress> addresses = new ArrayList<>();
        for (JsonNode link : array(json, "ip addr")) {
            String name = link.path("ifname").asText();
            for (JsonNode info : link.path("addr_info")) {
                if (!info.hasNonNull("local")) {
                    continue;
                }
                addresses.add(new HostSnapshot.LinkAddress(name, new InterfaceAddress(
                        Addresses.parse(info.get("local").asText()), info.path("prefixlen").asInt())));
            }
        }
        return addresses;
    }

    /** The MTU and UP flag of {@code ip -j link show dev X}. */
    static LinkState link(String json) throws NetworkChangeException {
        JsonNode array = array(json, "ip link");
        if (array.isEmpty()) {
            throw new NetworkChangeException("ip link printed no link");
        }
        JsonNode link = array.get(0);
        boolean up = false;
        for (JsonNode flag : link.path("flags")) {
            up |= flag.asText().equals("UP");
        }
        return new LinkState(link.path("mtu").asInt(), up);
    }

    /** A link's MTU and whether it is administratively up. */
    record LinkState(int mtu, boolean up) {}

    private static JsonNode array(String json, String what) throws NetworkChangeException {
        try {
            JsonNode node = JSON.readTree(json.isBlank() ? "[]" : json);
            if (!node.isArray()) {
                throw new NetworkChangeException(what + " printed JSON that is not a list");
            }
            return node;
        } catch (IOException e) {
            throw new NetworkChangeException("cannot read the output of " + what + " -j: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new NetworkChangeException("unexpected value in the output of " + what + " -j: "
                    + e.getMessage(), e);
        }
    }
}

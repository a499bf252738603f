package dev.corridor.net.os;

import dev.corridor.net.Addresses;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the text that macOS's {@code route -n get}, {@code ifconfig}, {@code netstat -rn} and
 * {@code scutil} print.
 */
final class MacosText {
    private MacosText() {}

    /**
     * {@code route -n get default}: "   gateway: 192.168.1.1" and "  interface: en0" lines; empty when
     * there is no default route (the command then fails or prints no interface).
     */
    static Optional<HostSnapshot.Gateway> gateway(String text) {
        Optional<InetAddress> gateway = Optional.empty();
        String link = null;
        for (String line : text.split("\n")) {
            String[] pair = line.strip().split(":\\s*", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("gateway") && looksLikeAddress(pair[1])) {
                gateway = Optional.of(Addresses.parse(stripZone(pair[1])));
            } else if (pair[0].equals("interface")) {
                link = pair[1].strip();
            }
        }
        return link == null ? Optional.empty() : Optional.of(new HostSnapshot.Gateway(gateway, link));
    }

    /** {@code ifconfig}: "en0: flags=..." starts a link; "inet A netmask 0xffffff00" and "inet6 A prefixlen N". */
    static List<HostSnapshot.LinkAddress> addresses(String text) {
        List<HostSnapshot.LinkAddress> addresses = new ArrayList<>();
        String link = null;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.contains(":")) {
                link = line.substring(0, line.indexOf(':'));
                continue;
            }
            String[] words = line.strip().split("\\s+");
            if (link == null || words.length < 4) {
                continue;
            }
            if (words[0].equals("inet") && words[2].equals("netmask")) {
                int bits = Long.bitCount(Long.parseLong(words[3].replace("0x", ""), 16));
                addresses.add(new HostSnapshot.LinkAddress(link,
                        new InterfaceAddress(Addresses.parse(words[1]), bits)));
            } else if (words[0].equals("inet6") && words[2].equals("prefixlen")) {
                addresses.add(new HostSnapshot.LinkAddress(link,
                        new InterfaceAddress(Addresses.parse(stripZone(words[1])), Integer.parseInt(words[3]))));
            }
        }
        return addresses;
    }

    /** {@code ifconfig LINK}: the MTU and whether the flags include UP. */
    static int[] mtuAndUp(String text) {
        String first = text.lines().findFirst().orElse("");
        int mtu = 0;
        String[] words = first.split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("mtu")) {
                mtu = Integer.parseInt(words[i + 1]);
            }
        }
        boolean up = first.matches(".*[<,]UP[,>].*");
        return new int[] {mtu, up ? 1 : 0};
    }

    /**
     * {@code netstat -rn -f inet|inet6}: "Destination Gateway Flags Netif ..." rows. macOS shortens IPv4
     * networks ("10.8/16", "192.168.1" = 192.168.1.0/24, "127" = 127.0.0.0/8).
     */
    static List<HostSnapshot.HostRoute> routes(String text, boolean ipv4) {
        List<HostSnapshot.HostRoute> routes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 4 || words[0].equals("Destination") || words[0].endsWith(":")) {
                continue;
            }
            Optional<IpPrefix> destination = destination(words[0], words[2].contains("H"), ipv4);
            if (destination.isEmpty()) {
                continue;
            }
            Optional<InetAddress> gateway = looksLikeAddress(words[1])
                    && (ipv4 == !words[1].contains(":")) ? Optional.of(Addresses.parse(stripZone(words[1])))
                    : Optional.empty();
            routes.add(new HostSnapshot.HostRoute(destination.get(), gateway, Optional.of(words[3])));
        }
        return routes;
    }

    private static Optional<IpPrefix> destination(String text, boolean host, boolean ipv4) {
        try {
            if (text.equals("default")) {
                return Optional.of(IpPrefix.parse(ipv4 ? "0.0.0.0/0" : "::/0"));
            }
            String[] parts = stripZone(text).split("/");
            if (!ipv4) {
                return Optional.of(parts.length == 2 ? IpPrefix.parse(parts[0] + "/" + parts[1])
                        : IpPrefix.parse(parts[0]));
            }
            String[] octets = parts[0].split("\\.");
            if (octets.length > 4) {
                return Optional.empty();
            }
            StringBuilder full = new StringBuilder(parts[0]);
            for (int i = octets.length; i < 4; i++) {
                full.append(".0");
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : host ? 32 : octets.length * 8;
            return Optional.of(new IpPrefix(Addresses.parse(full.toString()), bits));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // link-layer rows and other entries that are no IP route
        }
    }

    /** {@code scutil} "show KEY": the value of "PrimaryService : X" or a one-line field. */
    static Optional<String> field(String text, String name) {
        for (String line : text.split("\n")) {
            String[] pair = line.strip().split("\\s*:\\s*", 2);
            if (pair.length == 2 && pair[0].equals(name)) {
                return Optional.of(pair[1].strip());
            }
        }
        return Optional.empty();
    }

    /** {@code scutil} "show KEY": the items of an array field, e.g. ServerAddresses. */
    static List<String> array(String text, String name) {
        List<String> items = new ArrayList<>();
        boolean inside = false;
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith(name + " : <array>")) {
                inside = true;
            } else if (inside && stripped.equals("}")) {
                inside = false;
            } else if (inside) {
                String[] pair = stripped.split("\\s*:\\s*", 2);
                if (pair.length == 2) {
                    items.add(pair[1]);
                }
            }
        }
        return items;
    }

    private static boolean looksLikeAddress(String text) {
        String value = stripZone(text.strip());
        return value.matches("[0-9.]+") && value.chars().filter(c -> c == '.').count() == 3
                || value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
    }

    private static String stripZone(String text) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return text.strip();
        }
        int slash = text.indexOf('/', percent);
        return text.substring(0, percent) + (slash < 0 ? "" : text.substring(slash));
    }
}

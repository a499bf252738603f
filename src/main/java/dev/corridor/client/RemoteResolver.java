package dev.corridor.client;

import dev.corridor.profile.Remote;
import dev.corridor.profile.Transport;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Turns a {@code remote} line into one socket address, resolved once and pinned for the whole
 * attempt. With {@code remote-random-hostname} a random 12-hex-digit label is put in front of a
 * host name first (OpenVPN's {@code hostname_randomize}), so that wildcard DNS spreads clients.
 */
final class RemoteResolver {
    private RemoteResolver() {}

    static InetSocketAddress resolve(Remote remote, boolean randomHostname, SecureRandom random)
            throws UnknownHostException {
        String host = remote.host();
        if (randomHostname && !isLiteral(host)) {
            byte[] label = new byte[6];
            random.nextBytes(label);
            host = HexFormat.of().formatHex(label) + "." + host;
        }
        InetAddress chosen = null;
        for (InetAddress candidate : InetAddress.getAllByName(host)) {
            boolean fits = switch (remote.family()) {
                case IPV4 -> candidate instanceof Inet4Address;
                case IPV6 -> candidate instanceof Inet6Address;
                case ANY -> true;
            };
            if (fits && (chosen == null || (chosen instanceof Inet6Address && candidate instanceof Inet4Address))) {
                chosen = candidate; // prefer IPv4 when both exist: endpoints of this kind are IPv4 first
            }
        }
        if (chosen == null) {
            throw new UnknownHostException(remote.host() + " has no " + (remote.family() == Transport.Family.IPV6
                    ? "IPv6" : "IPv4") + " address");
        }
        return new InetSocketAddress(chosen, remote.port());
    }

    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }
}

package dev.corridor.server;

import dev.corridor.protocol.message.BannerEchoes;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.server.config.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the PUSH_REPLY options for one client, in the order a Client VPN endpoint sends them.
 *
 * <pre>
 *   route-gateway S / topology subnet / ping 10 / ping-restart 60 / ifconfig A MASK
 *   route NET MASK ... (split tunnel)  |  redirect-gateway def1 bypass-dhcp (full tunnel)
 *   dhcp-option DNS x ... / peer-id N / cipher C / [protocol-flags cc-exit tls-ekm] / [auth-token T]
 *   [echo "msg-n ..." / echo "msg ...": the banner, new sessions only (BannerEchoes)]
 *   [setenv-safe CORRIDOR_SESSION_SECONDS_LEFT n]   (Corridor convention, docs/control-channel.md)
 * </pre>
 *
 * Keepalive: {@code ping 10} and {@code ping-restart 60}, gentler than the {@code ping 1} /
 * {@code ping-restart 20}-style values some servers push, so that slow test machines stay connected.
 */
public final class PushedSettings {
    /** The pushed keepalive interval (seconds); the server pings its clients as often. */
    public static final int PING_SECONDS = 10;
    /** The pushed ping-restart (seconds); the server drops clients silent for this long. */
    public static final int PING_RESTART_SECONDS = 60;
    /** The data ciphers the server can run, best first. */
    public static final List<String> SERVER_CIPHERS = List.of("AES-256-GCM", "AES-128-GCM", "CHACHA20-POLY1305");

    /** The pushed option (without its value) that tells a client how many seconds its session has left. */
    public static final String SESSION_SECONDS_LEFT_OPTION = "setenv-safe CORRIDOR_SESSION_SECONDS_LEFT";

    private PushedSettings() {}

    /**
     * The cipher to push: the best of {@link #SERVER_CIPHERS} that the client lists in IV_CIPHERS,
     * or empty when there is none in common.
     */
    public static Optional<String> chooseCipher(List<String> clientCiphers) {
        for (String candidate : SERVER_CIPHERS) {
            for (String offered : clientCiphers) {
                if (offered.equalsIgnoreCase(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What is particular to one client.
     *
     * @param address    the client's leased address
     * @param peerId     the client's peer-id
     * @param cipher     the chosen data cipher
     * @param ccExit     whether the client announced cc-exit (IV_PROTO bit 7)
     * @param tlsEkm     whether keys are derived with TLS-EKM (IV_PROTO bit 3, exportable session)
     * @param authToken  the session token to push (directory authentication), a secret
     * @param newSession false when the client came back with its auth-token: the banner is for new sessions only
     * @param sessionSecondsLeft seconds until the session's maximum duration ends it (a reconnect with an
     *                   auth-token keeps the first login's deadline); empty when the session has no deadline
     */
    public record ForClient(Ipv4Address address, int peerId, String cipher, boolean ccExit, boolean tlsEkm,
            Optional<String> authToken, boolean newSession, OptionalLong sessionSecondsLeft) {
        @Override
        public String toString() {
            return "ForClient[" + address + ", peer-id " + peerId + ", " + cipher + ", auth-token "
                    + (authToken.isPresent() ? "[redacted]" : "none") + "]";
        }
    }

    /**
     * The options for one client.
     *
     * @param config  the endpoint
     * @param pool    the address pool (server address, netmask)
     * @param client  what is particular to the client
     */
    public static List<String> build(EndpointConfig config, AddressPool pool, ForClient client) {
        Ipv4Address address = client.address();
        boolean ccExit = client.ccExit();
        boolean tlsEkm = client.tlsEkm();
        List<String> options = new ArrayList<>();
        options.add("route-gateway " + pool.serverAddress());
        options.add("topology subnet");
        options.add("ping " + PING_SECONDS);
        options.add("ping-restart " + PING_RESTART_SECONDS);
        options.add("ifconfig " + address + " " + pool.netmask());
        if (config.splitTunnel()) {
            for (Route route : config.routes()) {
                Ipv4Cidr destination = route.destination();
                if (destination.prefix() > 0) {
                    options.add("route " + destination.networkAddress() + " " + destination.dottedMask());
                }
            }
        } else {
            options.add("redirect-gateway def1 bypass-dhcp");
        }
        for (Ipv4Address dns : config.dnsServers()) {
            options.add("dhcp-option DNS " + dns);
        }
        options.add("peer-id " + client.peerId());
        options.add("cipher " + client.cipher());
        if (ccExit || tlsEkm) {
            options.add("protocol-flags" + (ccExit ? " cc-exit" : "") + (tlsEkm ? " tls-ekm" : ""));
        }
        client.authToken().ifPresent(token -> options.add("auth-token " + token));
        if (config.loginBanner().enabled() && client.newSession()) {
            options.addAll(BannerEchoes.options(config.loginBanner().text()));
        }
        // Corridor's own convention (AWS's way of telling the session end is not public): OpenVPN 2.6
        // accepts setenv-safe in a push and only sets the environment variable OPENVPN_<name>.
        client.sessionSecondsLeft().ifPresent(seconds -> options.add(SESSION_SECONDS_LEFT_OPTION + " " + seconds));
        return options;
    }
}

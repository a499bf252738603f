package dev.corridor.client;

import dev.corridor.profile.Profile;
import dev.corridor.protocol.message.BannerEchoes;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.PushOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns the parsed PUSH_REPLY (plus the profile's own settings) into {@link TunnelSettings}. */
final class TunnelSettingsMapper {
    /** OpenVPN's client default before a server pushes its own value. */
    static final int DEFAULT_PING_RESTART = 120;

    private TunnelSettingsMapper() {}

    static TunnelSettings map(PushOptions push, List<String> rawOptions, Profile profile, String cipher,
            String keyDerivation, Instant receivedAt) {
        PushOptions.Addressing addressing = push.addressing();
        PushOptions.Ifconfig ifconfig = addressing.ifconfig().orElseThrow(() ->
                new IllegalArgumentException("the server pushed no ifconfig (no tunnel address)"));
        String topology = addressing.topology().map(t -> t.name().toLowerCase(Locale.ROOT)).orElse("net30");
        Optional<String> gateway = push.routes().gateway().flatMap(PushOptions.RouteGateway::address)
                .map(Object::toString);
        if (gateway.isEmpty() && !topology.equals("subnet")) {
            gateway = Optional.of(ifconfig.netmaskOrRemote().toString());
        }
        List<String> routes = new ArrayList<>();
        for (PushOptions.Route route : push.routes().ipv4()) {
            routes.add(route.network() + "/" + route.netmask());
        }
        List<String> routes6 = new ArrayList<>();
        for (PushOptions.Route6 route : push.routes().ipv6()) {
            routes6.add(route.network() + "/" + route.prefixLength());
        }
        List<String> redirect = push.routes().redirectGateway()
                .map(flags -> flags.stream().map(PushOptions.RedirectFlag::word).toList()).orElse(List.of());
        List<String> dns = new ArrayList<>();
        push.dns().servers().forEach(a -> dns.add(a.toString()));
        push.dns().ipv6Servers().forEach(a -> dns.add(a.toString()));
        List<String> domains = new ArrayList<>(push.dns().domains());
        domains.addAll(push.dns().searchDomains());
        int ping = push.timers().ping().orElse(profile.timers().ping());
        int pingRestart = push.timers().pingRestart().orElse(profile.timers().pingRestart() > 0
                ? profile.timers().pingRestart() : DEFAULT_PING_RESTART);
        int mtu = push.dataChannel().tunMtu().orElse(profile.dataChannel().tunMtu());
        List<String> banner = BannerEchoes.lines(push.session().echo());
        List<String> shown = rawOptions.stream()
                .map(option -> option.startsWith("auth-token") ? option.split(" ")[0] + " [redacted]" : option)
                .toList();
        return new TunnelSettings(ifconfig.local().toString(), ifconfig.netmaskOrRemote().toString(), topology,
                gateway, addressing.ifconfigIpv6().map(a -> a.address() + "/" + a.prefixLength()), routes, routes6,
                redirect, dns, domains, cipher, keyDerivation, push.dataChannel().peerId(), ping, pingRestart, mtu,
                banner, shown, PushedSessionEnd.read(push.unknown(), receivedAt));
    }

    /** The options of a PUSH_REPLY as shown in logs, with the auth token hidden. */
    static String describe(ControlMessage.PushReply reply) {
        return reply.toString();
    }
}

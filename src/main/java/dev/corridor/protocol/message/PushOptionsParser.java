package dev.corridor.protocol.message;

import dev.corridor.logging.Secret;
import dev.corridor.profile.Routing.PullFilter;
import dev.corridor.protocol.message.PushOptions.Compression;
import dev.corridor.protocol.message.PushOptions.DhcpOption;
import dev.corridor.protocol.message.PushOptions.Ifconfig;
import dev.corridor.protocol.message.PushOptions.Ifconfig6;
import dev.corridor.protocol.message.PushOptions.Inactive;
import dev.corridor.protocol.message.PushOptions.ProtocolFlag;
import dev.corridor.protocol.message.PushOptions.RedirectFlag;
import dev.corridor.protocol.message.PushOptions.Route;
import dev.corridor.protocol.message.PushOptions.Route6;
import dev.corridor.protocol.message.PushOptions.RouteAddress;
import dev.corridor.protocol.message.PushOptions.RouteGateway;
import dev.corridor.protocol.message.PushOptions.RouteKeyword;
import dev.corridor.protocol.message.PushOptions.Topology;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import dev.corridor.profile.LineTokenizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a complete PUSH_REPLY option list (all parts joined, see {@link PushReplyAssembler}) into
 * {@link PushOptions}, applying the profile's {@code pull-filter} rules first (protocol.md §6.2).
 *
 * <pre>
 *   for each option (leading blanks stripped, empties skipped):
 *     first pull-filter whose prefix starts the option ─ accept: read it
 *                                                      ─ ignore: drop it (listed in ignoredByFilter)
 *                                                      ─ reject: stop, the whole push is Rejected
 *     no filter matches: read it
 *   read = split like a config line ─> known directive? typed value : kept in unknown
 *          bad arguments ─> a line in problems, the option is skipped (never an exception)
 * </pre>
 *
 * Route networks and gateways must be IPv4 literals or OpenVPN's route keywords; host names are
 * not resolved here (a problem is recorded instead).
 */
public final class PushOptionsParser {
    private PushOptionsParser() {}

    /** Parses without pull-filters. */
    public static PushParseResult parse(List<String> options) {
        return parse(options, List.of());
    }

    /** Parses {@code options} after applying {@code pullFilters} in order. Never throws on content. */
    public static PushParseResult parse(List<String> options, List<PullFilter> pullFilters) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(pullFilters, "pullFilters");
        State state = new State();
        for (String raw : options) {
            if (raw == null) {
                continue;
            }
            String option = raw.stripLeading();
            if (option.isEmpty() || ControlMessageFields.isContinuation(option)) {
                continue;
            }
            PullFilter decisive = null;
            for (PullFilter filter : pullFilters) {
                if (filter.matches(option)) {
                    decisive = filter;
                    break;
                }
            }
            if (decisive != null && decisive.action() == PullFilter.Action.REJECT) {
                return new PushParseResult.Rejected(option, decisive.prefix());
            }
            if (decisive != null && decisive.action() == PullFilter.Action.IGNORE) {
                state.ignored.add(option);
                continue;
            }
            state.read(option);
        }
        return new PushParseResult.Accepted(state.build());
    }

    /** The options read so far. */
    private static final class State {
        final List<String> unknown = new ArrayList<>();
        final List<String> ignored = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Optional<Topology> topology = Optional.empty();
        Optional<Ifconfig> ifconfig = Optional.empty();
        Optional<Ifconfig6> ifconfig6 = Optional.empty();
        boolean blockIpv6;

        final List<Route> routes = new ArrayList<>();
        final List<Route6> routes6 = new ArrayList<>();
        Optional<RouteGateway> routeGateway = Optional.empty();
        OptionalInt routeMetric = OptionalInt.empty();
        Optional<Set<RedirectFlag>> redirectGateway = Optional.empty();
        Optional<Set<RedirectFlag>> redirectPrivate = Optional.empty();

        final List<Ipv4Address> dns = new ArrayList<>();
        final List<Ipv6Address> dns6 = new ArrayList<>();
        final List<String> domains = new ArrayList<>();
        final List<String> searchDomains = new ArrayList<>();
        final List<DhcpOption> otherDhcp = new ArrayList<>();

        OptionalInt ping = OptionalInt.empty();
        OptionalInt pingRestart = OptionalInt.empty();
        OptionalInt pingExit = OptionalInt.empty();
        Optional<Inactive> inactive = Optional.empty();
        OptionalInt explicitExitNotify = OptionalInt.empty();

        Optional<String> cipher = Optional.empty();
        OptionalInt peerId = OptionalInt.empty();
        final Set<ProtocolFlag> protocolFlags = EnumSet.noneOf(ProtocolFlag.class);
        boolean keyDerivationTlsEkm;
        OptionalInt tunMtu = OptionalInt.empty();
        Optional<Compression> compression = Optional.empty();

        Optional<Secret> authToken = Optional.empty();
        Optional<String> authTokenUser = Optional.empty();
        final List<String> echo = new ArrayList<>();

        void read(String option) {
            LineTokenizer.Result tokens = LineTokenizer.tokenize(option);
            String name = tokens.tokens().isEmpty() ? "" : tokens.tokens().get(0);
            if (!tokens.ok()) {
                problems.add(shown(name, option) + ": " + tokens.error());
                return;
            }
            if (tokens.tokens().isEmpty()) {
                return; // only a comment
            }
            List<String> args = tokens.tokens().subList(1, tokens.tokens().size());
            String problem = switch (name) {
                case "topology" -> topology(args);
                case "ifconfig" -> ifconfig(args);
                case "ifconfig-ipv6" -> ifconfig6(args);
                case "block-ipv6" -> flagOnly(args, () -> blockIpv6 = true);
                case "route" -> route(args);
                case "route-ipv6" -> route6(args);
                case "route-gateway" -> routeGateway(args);
                case "route-metric" -> withInt(args, 0, 1_000_000, v -> routeMetric = OptionalInt.of(v));
                case "redirect-gateway" -> redirect(args, true);
                case "redirect-private" -> redirect(args, false);
                case "dhcp-option" -> dhcpOption(args);
                case "ping" -> withInt(args, 0, Integer.MAX_VALUE, v -> ping = OptionalInt.of(v));
                case "ping-restart" -> withInt(args, 0, Integer.MAX_VALUE, v -> pingRestart = OptionalInt.of(v));
                case "ping-exit" -> withInt(args, 0, Integer.MAX_VALUE, v -> pingExit = OptionalInt.of(v));
                case "inactive" -> inactive(args);
                case "explicit-exit-notify" -> explicitExitNotify(args);
                case "cipher" -> exactly(args, 1) ? set(() -> cipher = Optional.of(args.get(0))) : "needs one cipher name";
                case "peer-id" -> withInt(args, 0, 0xFFFFFF, v -> peerId = OptionalInt.of(v));
                case "protocol-flags" -> protocolFlags(args);
                case "key-derivation" -> keyDerivation(args);
                case "tun-mtu" -> withInt(args, 1, 65535, v -> tunMtu = OptionalInt.of(v));
                case "compress" -> compression("compress", args);
                case "comp-lzo" -> compression("comp-lzo", args);
                case "auth-token" -> authToken(args);
                case "auth-token-user" -> authTokenUser(args);
                case "echo" -> set(() -> echo.add(String.join(" ", args)));
                default -> {
                    unknown.add(option);
                    yield null;
                }
            };
            if (problem != null) {
                problems.add(shown(name, option) + ": " + problem);
            }
        }

        private String topology(List<String> args) {
            if (!exactly(args, 1)) {
                return "needs one of net30, p2p, subnet";
            }
            switch (args.get(0)) {
                case "net30" -> topology = Optional.of(Topology.NET30);
                case "p2p" -> topology = Optional.of(Topology.P2P);
                case "subnet" -> topology = Optional.of(Topology.SUBNET);
                default -> {
                    return "unknown topology " + args.get(0);
                }
            }
            return null;
        }

        private String ifconfig(List<String> args) {
            if (!exactly(args, 2)) {
                return "needs a local address and a netmask or remote address";
            }
            Optional<Ipv4Address> local = Ipv4Address.parse(args.get(0));
            Optional<Ipv4Address> second = Ipv4Address.parse(args.get(1));
            if (local.isEmpty() || second.isEmpty()) {
                return "addresses must be IPv4 dotted quads";
            }
            ifconfig = Optional.of(new Ifconfig(local.get(), second.get()));
            return null;
        }

        private String ifconfig6(List<String> args) {
            if (args.isEmpty() || args.size() > 2) {
                return "needs address/bits and optionally a remote address";
            }
            Optional<Prefix6> prefix = Prefix6.parse(args.get(0));
            if (prefix.isEmpty()) {
                return "address must be IPv6 address/bits";
            }
            Optional<Ipv6Address> remote = Optional.empty();
            if (args.size() == 2) {
                remote = Ipv6Address.parse(args.get(1));
                if (remote.isEmpty()) {
                    return "remote must be an IPv6 address";
                }
            }
            ifconfig6 = Optional.of(new Ifconfig6(prefix.get().address(), prefix.get().bits(), remote));
            return null;
        }

        private String route(List<String> args) {
            if (args.isEmpty() || args.size() > 4) {
                return "needs network [netmask] [gateway] [metric]";
            }
            Optional<RouteAddress> network = routeAddress(args.get(0));
            if (network.isEmpty()) {
                return "network must be an IPv4 address or vpn_gateway, net_gateway, remote_host";
            }
            Ipv4Address netmask = new Ipv4Address(-1);
            if (args.size() >= 2 && !args.get(1).equals("default")) {
                Optional<Ipv4Address> mask = Ipv4Address.parse(args.get(1));
                if (mask.isEmpty() || mask.get().prefixLength().isEmpty()) {
                    return "netmask must be a contiguous IPv4 netmask";
                }
                netmask = mask.get();
            }
            Optional<RouteAddress> gateway = Optional.empty();
            if (args.size() >= 3 && !args.get(2).equals("default")) {
                gateway = routeAddress(args.get(2));
                if (gateway.isEmpty()) {
                    return "gateway must be an IPv4 address or vpn_gateway, net_gateway, remote_host";
                }
            }
            OptionalInt metric = OptionalInt.empty();
            if (args.size() == 4 && !args.get(3).equals("default")) {
                metric = boundedInt(args.get(3), 0, 1_000_000);
                if (metric.isEmpty()) {
                    return "metric must be a number";
                }
            }
            if (network.get() instanceof RouteAddress.Literal literal
                    && (literal.address().bits() & netmask.bits()) != literal.address().bits()) {
                problems.add("route " + literal.address() + " " + netmask
                        + ": network has bits outside the netmask (kept as pushed)");
            }
            routes.add(new Route(network.get(), netmask, gateway, metric));
            return null;
        }

        private String route6(List<String> args) {
            if (args.isEmpty() || args.size() > 3) {
                return "needs network/bits [gateway] [metric]";
            }
            Optional<Prefix6> network = Prefix6.parse(args.get(0));
            if (network.isEmpty()) {
                return "network must be IPv6 address/bits";
            }
            Optional<Ipv6Address> gateway = Optional.empty();
            if (args.size() >= 2 && !args.get(1).equals("default")) {
                gateway = Ipv6Address.parse(args.get(1));
                if (gateway.isEmpty()) {
                    return "gateway must be an IPv6 address";
                }
            }
            OptionalInt metric = OptionalInt.empty();
            if (args.size() == 3 && !args.get(2).equals("default")) {
                metric = boundedInt(args.get(2), 0, 1_000_000);
                if (metric.isEmpty()) {
                    return "metric must be a number";
                }
            }
            routes6.add(new Route6(network.get().address(), network.get().bits(), gateway, metric));
            return null;
        }

        private String routeGateway(List<String> args) {
            if (!exactly(args, 1)) {
                return "needs an address or dhcp";
            }
            if (args.get(0).equals("dhcp")) {
                routeGateway = Optional.of(new RouteGateway(Optional.empty()));
                return null;
            }
            Optional<Ipv4Address> address = Ipv4Address.parse(args.get(0));
            if (address.isEmpty()) {
                return "must be an IPv4 address or dhcp";
            }
            routeGateway = Optional.of(new RouteGateway(address));
            return null;
        }

        private String redirect(List<String> args, boolean gateway) {
            EnumSet<RedirectFlag> flags = EnumSet.noneOf(RedirectFlag.class);
            List<String> unknownFlags = new ArrayList<>();
            for (String arg : args) {
                RedirectFlag.fromWord(arg).ifPresentOrElse(flags::add, () -> unknownFlags.add(arg));
            }
            if (gateway) {
                redirectGateway = Optional.of(flags);
            } else {
                redirectPrivate = Optional.of(flags);
            }
            return unknownFlags.isEmpty() ? null : "unknown flag(s) ignored: " + String.join(" ", unknownFlags);
        }

        private String dhcpOption(List<String> args) {
            if (args.isEmpty() || args.size() > 2) {
                return "needs a type and at most one value";
            }
            String type = args.get(0);
            Optional<String> value = args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty();
            switch (type) {
                case "DNS" -> {
                    if (value.isEmpty()) {
                        return "DNS needs an address";
                    }
                    Optional<Ipv4Address> v4 = Ipv4Address.parse(value.get());
                    if (v4.isPresent()) {
                        dns.add(v4.get());
                        return null;
                    }
                    Optional<Ipv6Address> v6 = Ipv6Address.parse(value.get());
                    if (v6.isPresent()) {
                        dns6.add(v6.get());
                        return null;
                    }
                    return "DNS address is neither IPv4 nor IPv6";
                }
                case "DNS6" -> {
                    Optional<Ipv6Address> v6 = value.flatMap(Ipv6Address::parse);
                    if (v6.isEmpty()) {
                        return "DNS6 needs an IPv6 address";
                    }
                    dns6.add(v6.get());
                    return null;
                }
                case "DOMAIN", "DOMAIN-SEARCH" -> {
                    if (value.isEmpty() || value.get().isEmpty()) {
                        return type + " needs a domain";
                    }
                    (type.equals("DOMAIN") ? domains : searchDomains).add(value.get());
                    return null;
                }
                default -> {
                    otherDhcp.add(new DhcpOption(type, value));
                    return null;
                }
            }
        }

        private String inactive(List<String> args) {
            if (args.isEmpty() || args.size() > 2) {
                return "needs seconds and optionally bytes";
            }
            OptionalInt seconds = boundedInt(args.get(0), 0, Integer.MAX_VALUE);
            if (seconds.isEmpty()) {
                return "seconds must be a number";
            }
            OptionalLong bytes = OptionalLong.empty();
            if (args.size() == 2) {
                OptionalInt parsed = boundedInt(args.get(1), 0, Integer.MAX_VALUE);
                if (parsed.isEmpty()) {
                    return "bytes must be a number";
                }
                bytes = OptionalLong.of(parsed.getAsInt());
            }
            inactive = Optional.of(new Inactive(seconds.getAsInt(), bytes));
            return null;
        }

        private String explicitExitNotify(List<String> args) {
            if (args.isEmpty()) {
                explicitExitNotify = OptionalInt.of(1);
                return null;
            }
            return withInt(args, 0, 1_000_000, v -> explicitExitNotify = OptionalInt.of(v));
        }

        private String protocolFlags(List<String> args) {
            List<String> unknownFlags = new ArrayList<>();
            for (String arg : args) {
                ProtocolFlag.fromWord(arg).ifPresentOrElse(protocolFlags::add, () -> unknownFlags.add(arg));
            }
            return unknownFlags.isEmpty() ? null : "unknown flag(s) ignored: " + String.join(" ", unknownFlags);
        }

        private String keyDerivation(List<String> args) {
            if (exactly(args, 1) && args.get(0).equals("tls-ekm")) {
                keyDerivationTlsEkm = true;
                return null;
            }
            return "only 'tls-ekm' is known";
        }

        private String compression(String directive, List<String> args) {
            if (args.size() > 1) {
                return "takes at most one argument";
            }
            compression = Optional.of(new Compression(directive,
                    args.isEmpty() ? Optional.empty() : Optional.of(args.get(0))));
            return null;
        }

        private String authToken(List<String> args) {
            if (!exactly(args, 1) || args.get(0).isEmpty()) {
                return "needs one token value";
            }
            authToken = Optional.of(Secret.of(args.get(0)));
            return null;
        }

        private String authTokenUser(List<String> args) {
            if (!exactly(args, 1)) {
                return "needs one base64 username";
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(args.get(0));
                authTokenUser = Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
                return null;
            } catch (IllegalArgumentException | CharacterCodingException e) {
                return "username is not base64 of UTF-8 text";
            }
        }

        private static String flagOnly(List<String> args, Runnable apply) {
            if (!args.isEmpty()) {
                return "takes no arguments";
            }
            apply.run();
            return null;
        }

        private static String withInt(List<String> args, int min, int max, java.util.function.IntConsumer apply) {
            if (!exactly(args, 1)) {
                return "needs one number";
            }
            OptionalInt value = boundedInt(args.get(0), min, max);
            if (value.isEmpty()) {
                return "must be a number from " + min + " to " + max;
            }
            apply.accept(value.getAsInt());
            return null;
        }

        private static String set(Runnable apply) {
            apply.run();
            return null;
        }

        private static boolean exactly(List<String> args, int count) {
            return args.size() == count;
        }

        private static OptionalInt boundedInt(String text, int min, int max) {
            OptionalInt value = ControlMessageParser.unsignedInt(text);
            return value.isPresent() && value.getAsInt() >= min && value.getAsInt() <= max ? value : OptionalInt.empty();
        }

        private static Optional<RouteAddress> routeAddress(String text) {
            for (RouteKeyword keyword : RouteKeyword.values()) {
                if (keyword.word().equals(text)) {
                    return Optional.of(new RouteAddress.Keyword(keyword));
                }
            }
            return Ipv4Address.parse(text).map(RouteAddress.Literal::new);
        }

        /** The option as it may appear in a problem line: auth-token values never do. */
        private static String shown(String name, String option) {
            return name.startsWith("auth-token") ? name + " [redacted]" : option;
        }

        PushOptions build() {
            return new PushOptions(
                    new PushOptions.Addressing(topology, ifconfig, ifconfig6, blockIpv6),
                    new PushOptions.Routes(routes, routes6, routeGateway, routeMetric, redirectGateway, redirectPrivate),
                    new PushOptions.Dns(dns, dns6, domains, searchDomains, otherDhcp),
                    new PushOptions.Timers(ping, pingRestart, pingExit, inactive, explicitExitNotify),
                    new PushOptions.DataChannel(cipher, peerId, protocolFlags, keyDerivationTlsEkm, tunMtu, compression),
                    new PushOptions.Session(authToken, authTokenUser, echo),
                    unknown, ignored, problems);
        }
    }

    /** An IPv6 {@code address/bits} argument. */
    private record Prefix6(Ipv6Address address, int bits) {
        static Optional<Prefix6> parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            Optional<Ipv6Address> address = Ipv6Address.parse(text.substring(0, slash));
            OptionalInt bits = State.boundedInt(text.substring(slash + 1), 0, 128);
            if (address.isEmpty() || bits.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Prefix6(address.get(), bits.getAsInt()));
        }
    }
}

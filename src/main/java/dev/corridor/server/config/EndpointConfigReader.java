package dev.corridor.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the JSON tree of {@code endpoint.json} into an {@link EndpointConfig}, checking every rule
 * of the administrator guide and collecting every problem with its JSON path.
 *
 * <pre>
 *   JSON tree ──field types, unknown fields──> values ──guide's rules──> EndpointConfig
 *                         └──────────── every problem: "$.routes[1].destinationCidr: ..." ───┘
 * </pre>
 */
public final class EndpointConfigReader {
    /** The guide's wording for the client CIDR size rule. */
    public static final String CLIENT_CIDR_SIZE_RULE =
            "The client CIDR range must have a size of at least /22 and not be larger than /12";
    /** Longest route and rule description. */
    public static final int MAX_DESCRIPTION = 255;

    private static final String ENDPOINT_ID_PATTERN = "cvpn-endpoint-[0-9a-f]{17}";

    private final List<ConfigProblem> problems = new ArrayList<>();

    private EndpointConfigReader() {}

    /** The configuration in {@code root}, or every problem found in it. */
    public static Read read(JsonNode root) {
        EndpointConfigReader reader = new EndpointConfigReader();
        Optional<EndpointConfig> config = JsonObjectReader.of(root, "$", reader.problems).flatMap(reader::endpoint);
        if (!reader.problems.isEmpty() || config.isEmpty()) {
            return new Read.Refused(reader.problems);
        }
        return new Read.Ok(config.get());
    }

    /** What reading gave: a valid configuration or the problems that stop it. */
    public sealed interface Read {
        /** @param config the valid configuration */
        record Ok(EndpointConfig config) implements Read {}

        /** @param problems every problem, with its JSON path */
        record Refused(List<ConfigProblem> problems) implements Read {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }

    private Optional<EndpointConfig> endpoint(JsonObjectReader json) {
        Optional<String> endpointId = json.requiredString("endpointId");
        endpointId.filter(id -> !id.matches(ENDPOINT_ID_PATTERN)).ifPresent(id -> json.problem("endpointId",
                JsonObjectReader.quote(id) + " is not an endpoint id (cvpn-endpoint- followed by 17 hex digits)"));
        Optional<Ipv4Cidr> clientCidr = json.requiredString("clientCidr").flatMap(t -> clientCidr(json, t));
        Optional<TransportProtocol> transport = json.string("transport").map(t -> transport(json, t))
                .orElse(Optional.of(TransportProtocol.UDP));
        Optional<Integer> port = json.integer("port").map(p -> allowed(json, "port", p, EndpointConfig.ALLOWED_PORTS,
                "the port must be 443 or 1194")).orElse(Optional.of(443));
        Optional<ServerCertificateFiles> serverCertificate = json.requiredObject("serverCertificate")
                .flatMap(this::serverCertificate);
        Optional<AuthenticationOptions> authentication = json.requiredObject("authentication")
                .flatMap(this::authentication);
        List<Ipv4Address> dnsServers = dnsServers(json);
        boolean splitTunnel = json.bool("splitTunnel").orElse(false);
        List<Route> routes = list(json, "routes", this::route);
        List<AuthorizationRule> rules = list(json, "authorizationRules", this::authorizationRule);
        boolean clientToClient = json.bool("clientToClient").orElse(false);
        Optional<Path> crlFile = json.string("crlFile").flatMap(f -> path(json, "crlFile", f));
        ClientConnectHandler handler = json.object("clientConnectHandler").map(this::connectHandler)
                .orElse(ClientConnectHandler.disabled());
        ConnectionLogOptions connectionLog = json.object("connectionLog").map(this::connectionLog)
                .orElse(ConnectionLogOptions.disabled());
        Optional<Integer> maxSessionHours = json.integer("maxSessionHours").map(h -> allowed(json, "maxSessionHours",
                h, EndpointConfig.ALLOWED_SESSION_HOURS, "the maximum session duration must be 8, 10, 12 or 24 hours"))
                .orElse(Optional.of(EndpointConfig.DEFAULT_SESSION_HOURS));
        LoginBanner banner = json.object("loginBanner").map(this::loginBanner).orElse(LoginBanner.disabled());
        boolean selfServicePortal = json.bool("selfServicePortal").orElse(false);
        MetricsOptions metrics = json.object("metrics").map(EndpointConfigReader::metrics)
                .orElse(MetricsOptions.disabled());
        PortalOptions portal = json.object("portal").map(EndpointConfigReader::portal)
                .orElse(PortalOptions.defaults());
        json.rejectUnknownFields();

        clientCidr.ifPresent(cidr -> checkClientCidrAgainstRoutes(json, cidr, routes));
        authentication.ifPresent(auth -> checkRulesAgainstAuthentication(json, auth, rules, selfServicePortal));

        if (!problems.isEmpty() || endpointId.isEmpty() || clientCidr.isEmpty() || transport.isEmpty()
                || port.isEmpty() || serverCertificate.isEmpty() || authentication.isEmpty()
                || maxSessionHours.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointConfig(endpointId.get(), clientCidr.get(), transport.get(), port.get(),
                serverCertificate.get(), authentication.get(), dnsServers, splitTunnel, routes, rules,
                clientToClient, crlFile, handler, connectionLog, maxSessionHours.get(), banner, selfServicePortal,
                metrics, portal));
    }

    private Optional<Ipv4Cidr> clientCidr(JsonObjectReader json, String text) {
        Optional<Ipv4Cidr> cidr = cidr(json, "clientCidr", text);
        if (cidr.isPresent() && (cidr.get().prefix() > EndpointConfig.SMALLEST_CLIENT_PREFIX
                || cidr.get().prefix() < EndpointConfig.LARGEST_CLIENT_PREFIX)) {
            json.problem("clientCidr", JsonObjectReader.quote(text) + " is a /" + cidr.get().prefix() + ": "
                    + CLIENT_CIDR_SIZE_RULE);
            return Optional.empty();
        }
        return cidr;
    }

    private static Optional<Ipv4Cidr> cidr(JsonObjectReader json, String field, String text) {
        Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(text);
        if (cidr.isEmpty()) {
            json.problem(field, JsonObjectReader.quote(text) + " is not an IPv4 CIDR (a.b.c.d/n, n from 0 to 32)");
            return Optional.empty();
        }
        if (!cidr.get().isNetworkAddress()) {
            json.problem(field, JsonObjectReader.quote(text) + " has host bits set; did you mean "
                    + cidr.get().normalized() + "?");
            return Optional.empty();
        }
        return cidr;
    }

    private static Optional<TransportProtocol> transport(JsonObjectReader json, String text) {
        Optional<TransportProtocol> protocol = TransportProtocol.fromLabel(text);
        if (protocol.isEmpty()) {
            json.problem("transport", JsonObjectReader.quote(text) + " is not a transport; use \"udp\" or \"tcp\"");
        }
        return protocol;
    }

    private static Optional<Integer> allowed(JsonObjectReader json, String field, int value, List<Integer> allowed,
            String rule) {
        if (!allowed.contains(value)) {
            json.problem(field, value + " is not allowed: " + rule);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Optional<Path> path(JsonObjectReader json, String field, String text) {
        if (text.isBlank()) {
            json.problem(field, "a file path cannot be empty");
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            json.problem(field, JsonObjectReader.quote(text) + " is not a valid file path");
            return Optional.empty();
        }
    }

    private static Optional<Path> requiredPath(JsonObjectReader json, String field) {
        return json.requiredString(field).flatMap(text -> path(json, field, text));
    }

    private Optional<ServerCertificateFiles> serverCertificate(JsonObjectReader json) {
        Optional<Path> certificate = requiredPath(json, "certificateFile");
        Optional<Path> key = requiredPath(json, "keyFile");
        json.rejectUnknownFields();
        return certificate.isPresent() && key.isPresent()
                ? Optional.of(new ServerCertificateFiles(certificate.get(), key.get())) : Optional.empty();
    }

    private Optional<AuthenticationOptions> authentication(JsonObjectReader json) {
        Optional<String> type = json.requiredString("type");
        if (type.isEmpty()) {
            json.rejectUnknownFields();
            return Optional.empty();
        }
        switch (type.get()) {
            case "mutual" -> {
                Optional<AuthenticationOptions.Mutual> mutual = mutual(json);
                json.rejectUnknownFields();
                return mutual.map(m -> m);
            }
            case "directory" -> {
                Optional<AuthenticationOptions.Directory> directory = directory(json);
                json.rejectUnknownFields();
                return directory.map(d -> d);
            }
            case "mutual+directory" -> {
                Optional<AuthenticationOptions.Mutual> mutual = mutual(json);
                Optional<AuthenticationOptions.Directory> directory = directory(json);
                json.rejectUnknownFields();
                return mutual.isPresent() && directory.isPresent()
                        ? Optional.of(new AuthenticationOptions.MutualAndDirectory(mutual.get(), directory.get()))
                        : Optional.empty();
            }
            case "federated" -> {
                Optional<AuthenticationOptions.Federated> federated = federated(json);
                json.rejectUnknownFields();
                return federated.map(f -> f);
            }
            case "mutual+federated" -> {
                json.problem("type", "mutual+federated authentication is not supported by this server; use"
                        + " \"federated\"");
                return Optional.empty();
            }
            default -> {
                json.problem("type", JsonObjectReader.quote(type.get())
                        + " is not an authentication type; use \"mutual\", \"directory\", \"mutual+directory\" or \"federated\"");
                return Optional.empty();
            }
        }
    }

    private static Optional<AuthenticationOptions.Mutual> mutual(JsonObjectReader json) {
        return requiredPath(json, "clientRootCaFile").map(AuthenticationOptions.Mutual::new);
    }

    private static Optional<AuthenticationOptions.Federated> federated(JsonObjectReader json) {
        Optional<IdpSource> idp = json.has("idpMetadataFile") ? idpMetadata(json) : pinnedIdp(json);
        Optional<AuthenticationOptions.Federated.TestIdp> testIdp = Optional.empty();
        boolean testIdpOk = true;
        if (json.has("testIdp")) {
            Optional<JsonObjectReader> test = json.object("testIdp");
            testIdpOk = false;
            if (test.isPresent()) {
                Optional<Path> key = requiredPath(test.get(), "keyFile");
                Optional<Path> users = requiredPath(test.get(), "usersFile");
                test.get().rejectUnknownFields();
                if (key.isPresent() && users.isPresent()) {
                    testIdp = Optional.of(new AuthenticationOptions.Federated.TestIdp(key.get(), users.get()));
                    testIdpOk = true;
                }
            }
        }
        return idp.isPresent() && testIdpOk
                ? Optional.of(new AuthenticationOptions.Federated(idp.get(), testIdp))
                : Optional.empty();
    }

    /** {@code idpMetadataFile} alone: the certificate, URL and entity id come from the metadata. */
    private static Optional<IdpSource> idpMetadata(JsonObjectReader json) {
        Optional<Path> file = requiredPath(json, "idpMetadataFile");
        boolean alone = true;
        for (String field : new String[] {"idpCertificateFile", "idpUrl", "idpEntityId"}) {
            if (json.has(field)) {
                json.problem(field, "give either idpMetadataFile or idpCertificateFile and idpUrl, not both;"
                        + " the metadata names the IdP's certificate, URL and entity id");
                alone = false;
            }
        }
        return alone ? file.map(IdpSource.Metadata::new) : Optional.empty();
    }

    private static Optional<IdpSource> pinnedIdp(JsonObjectReader json) {
        if (!json.has("idpCertificateFile") && !json.has("idpUrl")) {
            json.problem("idpMetadataFile", "is required, or else idpCertificateFile and idpUrl");
            json.string("idpEntityId");
            return Optional.empty();
        }
        Optional<Path> certificate = requiredPath(json, "idpCertificateFile");
        Optional<String> url = json.requiredString("idpUrl").flatMap(u -> httpUrl(json, "idpUrl", u));
        Optional<String> entityId = json.string("idpEntityId");
        if (entityId.isPresent() && entityId.get().isBlank()) {
            json.problem("idpEntityId", "must not be empty");
            return Optional.empty();
        }
        return certificate.isPresent() && url.isPresent()
                ? Optional.of(new IdpSource.Pinned(certificate.get(), url.get(), entityId.orElse(url.get())))
                : Optional.empty();
    }

    private static Optional<String> httpUrl(JsonObjectReader json, String field, String text) {
        try {
            java.net.URI uri = new java.net.URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getFragment() == null) {
                return Optional.of(text);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        json.problem(field, JsonObjectReader.quote(text) + " is not an http(s) URL");
        return Optional.empty();
    }

    private static Optional<AuthenticationOptions.Directory> directory(JsonObjectReader json) {
        Optional<Path> users = requiredPath(json, "usersFile");
        boolean mfa = json.bool("mfa").orElse(false);
        return users.map(u -> new AuthenticationOptions.Directory(u, mfa));
    }

    private List<Ipv4Address> dnsServers(JsonObjectReader json) {
        List<Ipv4Address> servers = new ArrayList<>();
        Optional<List<JsonNode>> entries = json.array("dnsServers");
        if (entries.isEmpty()) {
            return servers;
        }
        if (entries.get().size() > EndpointConfig.MAX_DNS_SERVERS) {
            json.problem("dnsServers", entries.get().size() + " DNS servers given; an endpoint has at most "
                    + EndpointConfig.MAX_DNS_SERVERS);
        }
        for (int i = 0; i < entries.get().size(); i++) {
            JsonNode entry = entries.get().get(i);
            String path = json.pathOf("dnsServers") + "[" + i + "]";
            if (!entry.isTextual()) {
                problems.add(new ConfigProblem(path, "expected a string, found " + JsonObjectReader.describe(entry)));
                continue;
            }
            Optional<Ipv4Address> address = Ipv4Address.parse(entry.textValue());
            if (address.isEmpty()) {
                problems.add(new ConfigProblem(path, JsonObjectReader.quote(entry.textValue())
                        + " is not an IPv4 address"));
            } else {
                servers.add(address.get());
            }
        }
        return servers;
    }

    /** Reads one element of an array of objects. */
    private interface ElementReader<T> {
        Optional<T> read(JsonObjectReader element);
    }

    private <T> List<T> list(JsonObjectReader json, String field, ElementReader<T> elementReader) {
        List<T> values = new ArrayList<>();
        List<JsonNode> entries = json.array(field).orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            JsonObjectReader.of(entries.get(i), json.pathOf(field) + "[" + i + "]", problems)
                    .flatMap(elementReader::read).ifPresent(values::add);
        }
        return values;
    }

    private Optional<Route> route(JsonObjectReader json) {
        Optional<Ipv4Cidr> destination = json.requiredString("destinationCidr")
                .flatMap(t -> cidr(json, "destinationCidr", t));
        Optional<String> target = json.requiredString("target");
        target.filter(String::isBlank).ifPresent(t -> json.problem("target", "the target cannot be empty"));
        String description = description(json);
        json.rejectUnknownFields();
        return destination.isPresent() && target.filter(t -> !t.isBlank()).isPresent()
                ? Optional.of(new Route(destination.get(), target.get(), description)) : Optional.empty();
    }

    private Optional<AuthorizationRule> authorizationRule(JsonObjectReader json) {
        Optional<Ipv4Cidr> destination = json.requiredString("destinationCidr")
                .flatMap(t -> cidr(json, "destinationCidr", t));
        Optional<String> group = json.string("group");
        boolean allUsers = json.bool("allUsers").orElse(false);
        String description = description(json);
        json.rejectUnknownFields();
        Optional<Audience> audience = Optional.empty();
        if (group.isPresent() && allUsers) {
            json.problem("group", "a rule applies either to one group or to all users (\"allUsers\": true), not both");
        } else if (group.isPresent() && group.get().isBlank()) {
            json.problem("group", "the group name cannot be empty");
        } else if (group.isPresent()) {
            audience = Optional.of(new Audience.Group(group.get()));
        } else if (allUsers) {
            audience = Optional.of(new Audience.AllUsers());
        } else if (!json.has("group")) {
            json.problem("allUsers", "a rule needs either \"group\": NAME or \"allUsers\": true");
        }
        return destination.isPresent() && audience.isPresent()
                ? Optional.of(new AuthorizationRule(destination.get(), audience.get(), description))
                : Optional.empty();
    }

    private static String description(JsonObjectReader json) {
        String description = json.string("description").orElse("");
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            json.problem("description", "longer than " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    private ClientConnectHandler connectHandler(JsonObjectReader json) {
        boolean enabled = json.requiredBool("enabled").orElse(false);
        Optional<Path> command = json.string("command").flatMap(c -> path(json, "command", c));
        Optional<URI> url = json.string("url").flatMap(u -> url(json, u));
        Optional<Integer> timeout = json.integer("timeoutSeconds").flatMap(t -> within(json, "timeoutSeconds", t,
                1, (int) ClientConnectHandler.GUIDE_TIMEOUT.toSeconds(),
                "the handler timeout is 1 to 30 seconds (the guide's handler times out after 30 seconds)"));
        json.rejectUnknownFields();
        if (command.isPresent() && url.isPresent()) {
            json.problem("url", "a client connect handler is either a command or a URL, not both");
        } else if (enabled && command.isEmpty() && url.isEmpty() && !json.has("command") && !json.has("url")) {
            json.problem("command", "an enabled client connect handler needs a \"command\" or a \"url\"");
        }
        return new ClientConnectHandler(enabled, command, url,
                timeout.map(Duration::ofSeconds).orElse(ClientConnectHandler.GUIDE_TIMEOUT));
    }

    private static Optional<URI> url(JsonObjectReader json, String text) {
        try {
            URI uri = new URI(text);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
                return Optional.of(uri);
            }
            if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
                if (LoopbackHost.is(uri.getHost())) {
                    return Optional.of(uri);
                }
                json.problem("url", JsonObjectReader.quote(text) + " sends the request in the clear to another"
                        + " machine; use https, or http only to a loopback address (127.0.0.1, [::1], localhost)");
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        json.problem("url", JsonObjectReader.quote(text) + " is not an http or https URL");
        return Optional.empty();
    }

    private static Optional<Integer> within(JsonObjectReader json, String field, int value, int lowest, int highest,
            String rule) {
        if (value < lowest || value > highest) {
            json.problem(field, value + " is not allowed: " + rule);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private ConnectionLogOptions connectionLog(JsonObjectReader json) {
        boolean enabled = json.requiredBool("enabled").orElse(false);
        Optional<Path> file = json.string("file").flatMap(f -> path(json, "file", f));
        Optional<Integer> interval = json.integer("updateIntervalSeconds").flatMap(i -> within(json,
                "updateIntervalSeconds", i, 1, (int) ConnectionLogOptions.MAX_UPDATE_INTERVAL.toSeconds(),
                "the update interval is 1 to 3600 seconds"));
        json.rejectUnknownFields();
        if (enabled && file.isEmpty() && !json.has("file")) {
            json.problem("file", "connection logging is enabled but no log file is given");
        }
        return new ConnectionLogOptions(enabled, file,
                interval.map(Duration::ofSeconds).orElse(ConnectionLogOptions.DEFAULT_UPDATE_INTERVAL));
    }

    private static MetricsOptions metrics(JsonObjectReader json) {
        boolean enabled = json.requiredBool("enabled").orElse(false);
        Optional<Ipv4Address> listen = json.string("listenAddress").flatMap(text -> {
            Optional<Ipv4Address> address = Ipv4Address.parse(text);
            if (address.isEmpty()) {
                json.problem("listenAddress", JsonObjectReader.quote(text) + " is not an IPv4 address");
            }
            return address;
        });
        Optional<Integer> port = json.integer("port").flatMap(p -> within(json, "port", p, 0, 65535,
                "a TCP port is 0 (any free port) to 65535"));
        json.rejectUnknownFields();
        return new MetricsOptions(enabled, listen.orElse(MetricsOptions.DEFAULT_LISTEN_ADDRESS),
                port.orElse(MetricsOptions.DEFAULT_PORT));
    }

    private static PortalOptions portal(JsonObjectReader json) {
        Optional<Integer> port = json.integer("port").flatMap(p -> within(json, "port", p, 0, 65535,
                "a TCP port is 0 (any free port) to 65535"));
        Optional<Path> profile = json.string("profileFile").flatMap(f -> path(json, "profileFile", f));
        Optional<Path> installers = json.string("installersFolder").flatMap(f -> path(json, "installersFolder", f));
        json.rejectUnknownFields();
        return new PortalOptions(port.orElse(PortalOptions.DEFAULT_PORT),
                profile.orElse(PortalOptions.DEFAULT_PROFILE_FILE),
                installers.orElse(PortalOptions.DEFAULT_INSTALLERS_FOLDER));
    }

    private LoginBanner loginBanner(JsonObjectReader json) {
        boolean enabled = json.requiredBool("enabled").orElse(false);
        String text = json.string("text").orElse("");
        json.rejectUnknownFields();
        int characters = text.codePointCount(0, text.length());
        if (characters > LoginBanner.MAX_CHARACTERS) {
            json.problem("text", "the banner has " + characters + " characters; the limit is "
                    + LoginBanner.MAX_CHARACTERS + " UTF-8 characters");
        } else if (enabled && text.isBlank()) {
            json.problem("text", "the login banner is enabled but its text is empty");
        }
        return new LoginBanner(enabled, text);
    }

    private static void checkClientCidrAgainstRoutes(JsonObjectReader json, Ipv4Cidr clientCidr, List<Route> routes) {
        for (Route route : routes) {
            if (route.destination().prefix() > 0 && route.destination().overlaps(clientCidr)) {
                json.problem("clientCidr", "the client CIDR " + clientCidr + " overlaps the route to "
                        + route.destination() + "; the client CIDR range cannot overlap the routes of the endpoint");
            }
        }
    }

    private static void checkRulesAgainstAuthentication(JsonObjectReader json, AuthenticationOptions authentication,
            List<AuthorizationRule> rules, boolean selfServicePortal) {
        if (!authentication.knowsGroups()) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).audience() instanceof Audience.Group group) {
                    json.problem("authorizationRules[" + i + "].group", "the rule is for group \"" + group.name()
                            + "\" but mutual authentication knows no groups; use \"allUsers\": true");
                }
            }
        }
        if (selfServicePortal && authentication instanceof AuthenticationOptions.Mutual) {
            json.problem("selfServicePortal", "the self-service portal is not available for mutual authentication");
        }
    }
}

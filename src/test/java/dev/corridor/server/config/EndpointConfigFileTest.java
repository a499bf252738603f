package dev.corridor.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading, writing and every validation rule of {@code endpoint.json}, each with its JSON path. */
class EndpointConfigFileTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path folder;

    static EndpointConfig sample() {
        Ipv4Cidr privateNetwork = Ipv4Cidr.parse("10.100.0.0/16").orElseThrow();
        return new EndpointConfig("cvpn-endpoint-0123456789abcdef0", Ipv4Cidr.parse("10.200.0.0/22").orElseThrow(),
                TransportProtocol.TCP, 1194, new ServerCertificateFiles(Path.of("pki/server.crt"),
                        Path.of("pki/server.key")),
                new AuthenticationOptions.MutualAndDirectory(new AuthenticationOptions.Mutual(Path.of("pki/ca.crt")),
                        new AuthenticationOptions.Directory(Path.of("users.json"), true)),
                List.of(Ipv4Address.parse("10.100.0.2").orElseThrow(), Ipv4Address.parse("1.1.1.1").orElseThrow()),
                true, List.of(new Route(privateNetwork, "local", "private network"),
                        new Route(Ipv4Cidr.parse("0.0.0.0/0").orElseThrow(), "internet", "")),
                List.of(new AuthorizationRule(privateNetwork, new Audience.Group("engineering"), "eng"),
                        new AuthorizationRule(Ipv4Cidr.parse("0.0.0.0/0").orElseThrow(), new Audience.AllUsers(),
                                "everyone")),
                true, Optional.of(Path.of("crl.pem")),
                new ClientConnectHandler(true, Optional.empty(), Optional.of(URI.create("http://127.0.0.1:9000/h")),
                        Duration.ofSeconds(5)),
                new ConnectionLogOptions(true, Optional.of(Path.of("connections.log")), Duration.ofSeconds(10)), 12,
                new LoginBanner(true, "Hello ✓"), true,
                new MetricsOptions(true, Ipv4Address.parse("127.0.0.2").orElseThrow(), 0),
                new PortalOptions(0, Path.of("exports/endpoint.ovpn"), Path.of("downloads")));
    }

    private static ObjectNode sampleTree() {
        return EndpointConfigWriter.write(sample());
    }

    private static List<String> problemsOf(JsonNode tree) {
        try {
            EndpointConfigFile.parse("endpoint.json", MAPPER.writeValueAsBytes(tree));
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return List.of();
    }

    private static List<String> problemsAfter(Consumer<ObjectNode> change) {
        ObjectNode tree = sampleTree();
        change.accept(tree);
        return problemsOf(tree);
    }

    @Test
    void writesAndReadsBackTheSameConfiguration() throws Exception {
        Path file = folder.resolve("endpoint.json");
        new EndpointConfigFile(new AtomicFileWriter()).write(file, sample());

        assertThat(EndpointConfigFile.read(file)).isEqualTo(sample());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void optionalFieldsTakeTheGuidesDefaults() throws Exception {
        String json = """
                {"endpointId": "cvpn-endpoint-0123456789abcdef0", "clientCidr": "10.200.0.0/22",
                 "serverCertificate": {"certificateFile": "s.crt", "keyFile": "s.key"},
                 "authentication": {"type": "mutual", "clientRootCaFile": "ca.crt"}}
                """;
        EndpointConfig config = EndpointConfigFile.parse("e", json.getBytes(StandardCharsets.UTF_8));

        assertThat(config.transport()).isEqualTo(TransportProtocol.UDP);
        assertThat(config.port()).isEqualTo(443);
        assertThat(config.maxSessionHours()).isEqualTo(24);
        assertThat(config.splitTunnel()).isFalse();
        assertThat(config.dnsServers()).isEmpty();
        assertThat(config.loginBanner().enabled()).isFalse();
        assertThat(config.clientConnectHandler().enabled()).isFalse();
        assertThat(config.clientConnectHandler().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.connectionLog().updateInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.metrics()).isEqualTo(MetricsOptions.disabled());
        assertThat(config.metrics().listenAddress()).hasToString("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/h", "http://127.8.9.10/", "http://localhost:8080/x",
            "http://[::1]:8080/", "https://handler.example.com/connect"})
    void acceptsHttpsAnywhereAndPlainHttpOnlyToLoopback(String url) {
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("clientConnectHandler")).put("url", url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5/h", "http://handler.example.com/", "http://128.0.0.1/"})
    void refusesPlainHttpToAnotherMachine(String url) {
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("clientConnectHandler")).put("url", url)))
                .containsExactly("$.clientConnectHandler.url: \"" + url + "\" sends the request in the clear to"
                        + " another machine; use https, or http only to a loopback address (127.0.0.1, [::1],"
                        + " localhost)");
    }

    @Test
    void limitsTheHandlerTimeoutToTheGuides30Seconds() {
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("clientConnectHandler")).put("timeoutSeconds", 30)))
                .isEmpty();
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("clientConnectHandler")).put("timeoutSeconds", 31)))
                .containsExactly("$.clientConnectHandler.timeoutSeconds: 31 is not allowed: the handler timeout is"
                        + " 1 to 30 seconds (the guide's handler times out after 30 seconds)");
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("clientConnectHandler")).put("timeoutSeconds", "5")))
                .containsExactly("$.clientConnectHandler.timeoutSeconds: expected a whole number, found a string"
                        + " (\"5\")");
    }

    @Test
    void checksTheConnectionLogUpdateInterval() {
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("connectionLog")).put("updateIntervalSeconds", 0)))
                .containsExactly("$.connectionLog.updateIntervalSeconds: 0 is not allowed: the update interval is 1"
                        + " to 3600 seconds");
    }

    @Test
    void checksTheMetricsSectionWithItsPaths() {
        List<String> problems = problemsAfter(t -> {
            ObjectNode metrics = (ObjectNode) t.get("metrics");
            metrics.put("listenAddress", "::1");
            metrics.put("port", 70000);
            metrics.put("path", "/m");
        });
        assertThat(problems).hasSize(3).contains("$.metrics.listenAddress: \"::1\" is not an IPv4 address",
                "$.metrics.port: 70000 is not allowed: a TCP port is 0 (any free port) to 65535")
                .anyMatch(p -> p.startsWith("$.metrics.path: unknown field"));
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("metrics")).remove("enabled")))
                .containsExactly("$.metrics.enabled: is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/12", "10.200.0.0/22", "172.16.0.0/16"})
    void acceptsClientCidrsFromSlash22ToSlash12(String cidr) {
        assertThat(problemsAfter(t -> t.put("clientCidr", cidr))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/11", "10.200.0.0/23", "10.200.0.0/32", "0.0.0.0/0"})
    void refusesClientCidrsOutsideSlash22ToSlash12WithTheGuidesRule(String cidr) {
        assertThat(problemsAfter(t -> t.put("clientCidr", cidr))).containsExactly("$.clientCidr: \"" + cidr
                + "\" is a /" + cidr.substring(cidr.indexOf('/') + 1) + ": The client CIDR range must have a size of"
                + " at least /22 and not be larger than /12");
    }

    @Test
    void refusesAnIpv6OrMalformedClientCidr() {
        assertThat(problemsAfter(t -> t.put("clientCidr", "fd00::/64")))
                .containsExactly("$.clientCidr: \"fd00::/64\" is not an IPv4 CIDR (a.b.c.d/n, n from 0 to 32)");
        assertThat(problemsAfter(t -> t.put("clientCidr", "10.200.1.0/22")))
                .containsExactly("$.clientCidr: \"10.200.1.0/22\" has host bits set; did you mean 10.200.0.0/22?");
    }

    @Test
    void namesTheBadRouteByItsIndex() {
        List<String> problems = problemsAfter(t ->
                ((ObjectNode) t.withArray("routes").get(1)).put("destinationCidr", "10.0.0.0/33"));
        assertThat(problems).containsExactly(
                "$.routes[1].destinationCidr: \"10.0.0.0/33\" is not an IPv4 CIDR (a.b.c.d/n, n from 0 to 32)");
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 0, 1195, 65535})
    void refusesPortsOtherThan443And1194(int port) {
        assertThat(problemsAfter(t -> t.put("port", port)))
                .containsExactly("$.port: " + port + " is not allowed: the port must be 443 or 1194");
    }

    @Test
    void refusesAnUnknownTransport() {
        assertThat(problemsAfter(t -> t.put("transport", "UDP")))
                .containsExactly("$.transport: \"UDP\" is not a transport; use \"udp\" or \"tcp\"");
    }

    @Test
    void refusesThreeDnsServersAndNamesABadOne() {
        assertThat(problemsAfter(t -> t.putArray("dnsServers").add("10.0.0.2").add("10.0.0.3").add("10.0.0.4")))
                .containsExactly("$.dnsServers: 3 DNS servers given; an endpoint has at most 2");
        assertThat(problemsAfter(t -> t.putArray("dnsServers").add("10.0.0.2").add("10.0.0.256")))
                .containsExactly("$.dnsServers[1]: \"10.0.0.256\" is not an IPv4 address");
    }

    @Test
    void acceptsABannerOf1400CharactersAndRefuses1401() {
        String ok = "é".repeat(1400);
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("loginBanner")).put("text", ok))).isEmpty();
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("loginBanner")).put("text", ok + "x")))
                .containsExactly("$.loginBanner.text: the banner has 1401 characters; the limit is 1400 UTF-8"
                        + " characters");
    }

    @Test
    void countsBannerCharactersNotUtf16Units() {
        String emoji = "😀".repeat(1400); // 2800 UTF-16 units, 1400 characters
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("loginBanner")).put("text", emoji))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 10, 12, 24})
    void acceptsTheGuidesSessionDurations(int hours) {
        assertThat(problemsAfter(t -> t.put("maxSessionHours", hours))).isEmpty();
    }

    @Test
    void refusesOtherSessionDurations() {
        assertThat(problemsAfter(t -> t.put("maxSessionHours", 48))).containsExactly(
                "$.maxSessionHours: 48 is not allowed: the maximum session duration must be 8, 10, 12 or 24 hours");
    }

    @Test
    void refusesUnknownFieldsWithTheirPath() {
        assertThat(problemsAfter(t -> t.put("colour", "blue")))
                .singleElement().asString().startsWith("$.colour: unknown field");
        assertThat(problemsAfter(t -> ((ObjectNode) t.withArray("authorizationRules").get(0)).put("grp", "x")))
                .singleElement().asString().startsWith("$.authorizationRules[0].grp: unknown field");
    }

    @Test
    void refusesWrongTypesWithTheirPath() {
        assertThat(problemsAfter(t -> t.put("port", "443")))
                .containsExactly("$.port: expected a whole number, found a string (\"443\")");
        assertThat(problemsAfter(t -> t.put("splitTunnel", "yes")))
                .containsExactly("$.splitTunnel: expected true or false, found a string (\"yes\")");
        assertThat(problemsAfter(t -> t.put("routes", "none")))
                .containsExactly("$.routes: expected an array, found a string (\"none\")");
        assertThat(problemsAfter(t -> t.withArray("routes").set(0, MAPPER.getNodeFactory().numberNode(7))))
                .containsExactly("$.routes[0]: expected an object, found the number 7");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = problemsAfter(t -> {
            t.put("port", 80);
            t.put("clientCidr", "10.0.0.0/8");
            t.remove("serverCertificate");
            t.put("extra", true);
        });
        assertThat(problems).hasSize(4).anyMatch(p -> p.startsWith("$.port:"))
                .anyMatch(p -> p.startsWith("$.clientCidr:")).contains("$.serverCertificate: is required")
                .anyMatch(p -> p.startsWith("$.extra: unknown field"));
    }

    @Test
    void refusesARuleWithBothOrNeitherAudience() {
        assertThat(problemsAfter(t -> ((ObjectNode) t.withArray("authorizationRules").get(0)).put("allUsers", true)))
                .containsExactly("$.authorizationRules[0].group: a rule applies either to one group or to all users"
                        + " (\"allUsers\": true), not both");
        assertThat(problemsAfter(t -> ((ObjectNode) t.withArray("authorizationRules").get(0)).remove("group")))
                .containsExactly("$.authorizationRules[0].allUsers: a rule needs either \"group\": NAME or"
                        + " \"allUsers\": true");
    }

    @Test
    void refusesGroupRulesWhenMutualAuthenticationKnowsNoGroups() {
        List<String> problems = problemsAfter(t -> {
            ObjectNode auth = t.putObject("authentication");
            auth.put("type", "mutual");
            auth.put("clientRootCaFile", "ca.crt");
            t.put("selfServicePortal", false);
        });
        assertThat(problems).containsExactly("$.authorizationRules[0].group: the rule is for group \"engineering\""
                + " but mutual authentication knows no groups; use \"allUsers\": true");
    }

    @Test
    void readsFederatedAuthenticationAndReportsItsProblemsByPath() {
        List<String> fine = problemsAfter(t -> {
            ObjectNode auth = t.putObject("authentication");
            auth.put("type", "federated");
            auth.put("idpCertificateFile", "idp/idp.crt");
            auth.put("idpUrl", "http://127.0.0.1:8444/sso");
        });
        assertThat(fine).isEmpty();
        List<String> problems = problemsAfter(t -> {
            ObjectNode auth = t.putObject("authentication");
            auth.put("type", "federated");
            auth.put("idpUrl", "ftp://idp/sso");
            auth.put("idpEntityId", " ");
            auth.put("usersFile", "users.json");
        });
        assertThat(problems).containsExactlyInAnyOrder(
                "$.authentication.idpCertificateFile: is required",
                "$.authentication.idpUrl: \"ftp://idp/sso\" is not an http(s) URL",
                "$.authentication.idpEntityId: must not be empty",
                "$.authentication.usersFile: unknown field (known fields here: type, idpMetadataFile,"
                        + " idpCertificateFile, idpUrl, idpEntityId, testIdp)");
    }

    @Test
    void readsFederatedAuthenticationFromAnIdpMetadataFile() throws Exception {
        ObjectNode tree = sampleTree();
        ObjectNode auth = tree.putObject("authentication");
        auth.put("type", "federated");
        auth.put("idpMetadataFile", "idp/metadata.xml");
        EndpointConfig config = EndpointConfigFile.parse("e", MAPPER.writeValueAsBytes(tree));
        assertThat(((AuthenticationOptions.Federated) config.authentication()).idp())
                .isEqualTo(new IdpSource.Metadata(Path.of("idp/metadata.xml")));
        Path file = folder.resolve("endpoint.json");
        new EndpointConfigFile(new AtomicFileWriter()).write(file, config);
        assertThat(EndpointConfigFile.read(file)).isEqualTo(config);

        assertThat(problemsAfter(t -> {
            ObjectNode both = t.putObject("authentication");
            both.put("type", "federated");
            both.put("idpMetadataFile", "idp/metadata.xml");
            both.put("idpUrl", "http://127.0.0.1:8444/sso");
        })).containsExactly("$.authentication.idpUrl: give either idpMetadataFile or idpCertificateFile and idpUrl,"
                + " not both; the metadata names the IdP's certificate, URL and entity id");
        assertThat(problemsAfter(t -> t.putObject("authentication").put("type", "federated")))
                .containsExactly("$.authentication.idpMetadataFile: is required, or else idpCertificateFile and"
                        + " idpUrl");
        assertThat(problemsAfter(t -> {
            ObjectNode empty = t.putObject("authentication");
            empty.put("type", "federated");
            empty.put("idpMetadataFile", "");
        })).containsExactly("$.authentication.idpMetadataFile: a file path cannot be empty");
    }

    @Test
    void readsThePortalSectionWithDefaultsAndPaths() throws Exception {
        ObjectNode tree = sampleTree();
        tree.remove("portal");
        EndpointConfig config = EndpointConfigFile.parse("e", MAPPER.writeValueAsBytes(tree));
        assertThat(config.portal()).isEqualTo(PortalOptions.defaults());
        assertThat(config.portal().profileFile()).isEqualTo(Path.of("clients/downloaded-client-config.ovpn"));
        assertThat(problemsAfter(t -> {
            ObjectNode portal = (ObjectNode) t.get("portal");
            portal.put("port", 70000);
            portal.put("profileFile", "");
            portal.put("colour", "red");
        })).containsExactlyInAnyOrder("$.portal.port: 70000 is not allowed: a TCP port is 0 (any free port) to 65535",
                "$.portal.profileFile: a file path cannot be empty",
                "$.portal.colour: unknown field (known fields here: port, profileFile, installersFolder)");
    }

    @Test
    void refusesMutualFederatedAndUnknownAuthenticationTypes() {
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("authentication")).put("type", "mutual+federated")))
                .containsExactly("$.authentication.type: mutual+federated authentication is not supported by this"
                        + " server; use \"federated\"");
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("authentication")).put("type", "ldap")))
                .containsExactly("$.authentication.type: \"ldap\" is not an authentication type; use \"mutual\","
                        + " \"directory\", \"mutual+directory\" or \"federated\"");
    }

    @Test
    void refusesAClientCidrOverlappingARoute() {
        assertThat(problemsAfter(t -> t.put("clientCidr", "10.96.0.0/12"))).containsExactly("$.clientCidr: the"
                + " client CIDR 10.96.0.0/12 overlaps the route to 10.100.0.0/16; the client CIDR range cannot"
                + " overlap the routes of the endpoint");
    }

    @Test
    void refusesEnabledOptionsWithoutTheirTarget() {
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("connectionLog")).remove("file")))
                .containsExactly("$.connectionLog.file: connection logging is enabled but no log file is given");
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("clientConnectHandler")).remove("url")))
                .containsExactly("$.clientConnectHandler.command: an enabled client connect handler needs a"
                        + " \"command\" or a \"url\"");
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("clientConnectHandler")).put("url", "ftp://x/")))
                .containsExactly("$.clientConnectHandler.url: \"ftp://x/\" is not an http or https URL");
        assertThat(problemsAfter(t -> ((ObjectNode) t.get("loginBanner")).put("text", " ")))
                .containsExactly("$.loginBanner.text: the login banner is enabled but its text is empty");
    }

    @Test
    void refusesABadEndpointId() {
        assertThat(problemsAfter(t -> t.put("endpointId", "vpn-1"))).containsExactly(
                "$.endpointId: \"vpn-1\" is not an endpoint id (cvpn-endpoint- followed by 17 hex digits)");
    }

    @Test
    void refusesMalformedJsonWithItsLocation() {
        assertThatThrownBy(() -> EndpointConfigFile.parse("e", "{\"port\": 443,\n  \"port\": 1194}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("$: invalid JSON at line 2").hasMessageContaining("Duplicate field 'port'");
        assertThatThrownBy(() -> EndpointConfigFile.parse("e", "{} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("$");
        assertThatThrownBy(() -> EndpointConfigFile.parse("e", new byte[0]))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("$: the file is empty");
        assertThatThrownBy(() -> EndpointConfigFile.parse("e", "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("$: expected an object, found an array");
    }

    @Test
    void theSampleTreeHasEveryDocumentedField() {
        assertThat(sampleTree().fieldNames()).toIterable().containsExactly("endpointId", "clientCidr", "transport",
                "port", "serverCertificate", "authentication", "dnsServers", "splitTunnel", "routes",
                "authorizationRules", "clientToClient", "crlFile", "clientConnectHandler", "connectionLog",
                "maxSessionHours", "loginBanner", "selfServicePortal", "metrics", "portal");
        assertThat((ArrayNode) sampleTree().get("routes")).hasSize(2);
    }
}

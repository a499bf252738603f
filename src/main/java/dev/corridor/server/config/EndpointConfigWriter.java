package dev.corridor.server.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Turns an {@link EndpointConfig} into the JSON tree of {@code endpoint.json}; the exact inverse of
 * {@link EndpointConfigReader}. Paths are written with forward slashes so a file moves between systems.
 */
public final class EndpointConfigWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EndpointConfigWriter() {}

    /** The JSON tree for {@code config}, fields in the documented order. */
    public static ObjectNode write(EndpointConfig config) {
        ObjectNode root = NODES.objectNode();
        root.put("endpointId", config.endpointId());
        root.put("clientCidr", config.clientCidr().toString());
        root.put("transport", config.transport().label());
        root.put("port", config.port());
        ObjectNode certificate = root.putObject("serverCertificate");
        certificate.put("certificateFile", path(config.serverCertificate().certificateFile()));
        certificate.put("keyFile", path(config.serverCertificate().keyFile()));
        root.set("authentication", authentication(config.authentication()));
        ArrayNode dns = root.putArray("dnsServers");
        config.dnsServers().forEach(server -> dns.add(server.toString()));
        root.put("splitTunnel", config.splitTunnel());
        ArrayNode routes = root.putArray("routes");
        for (Route route : config.routes()) {
            ObjectNode node = routes.addObject();
            node.put("destinationCidr", route.destination().toString());
            node.put("target", route.target());
            node.put("description", route.description());
        }
        ArrayNode rules = root.putArray("authorizationRules");
        for (AuthorizationRule rule : config.authorizationRules()) {
            ObjectNode node = rules.addObject();
            node.put("destinationCidr", rule.destination().toString());
            if (rule.audience() instanceof Audience.Group group) {
                node.put("group", group.name());
            } else {
                node.put("allUsers", true);
            }
            node.put("description", rule.description());
        }
        root.put("clientToClient", config.clientToClient());
        config.crlFile().ifPresent(crl -> root.put("crlFile", path(crl)));
        ObjectNode handler = root.putObject("clientConnectHandler");
        handler.put("enabled", config.clientConnectHandler().enabled());
        config.clientConnectHandler().command().ifPresent(c -> handler.put("command", path(c)));
        config.clientConnectHandler().url().ifPresent(u -> handler.put("url", u.toString()));
        handler.put("timeoutSeconds", config.clientConnectHandler().timeout().toSeconds());
        ObjectNode log = root.putObject("connectionLog");
        log.put("enabled", config.connectionLog().enabled());
        config.connectionLog().file().ifPresent(f -> log.put("file", path(f)));
        log.put("updateIntervalSeconds", config.connectionLog().updateInterval().toSeconds());
        root.put("maxSessionHours", config.maxSessionHours());
        ObjectNode banner = root.putObject("loginBanner");
        banner.put("enabled", config.loginBanner().enabled());
        banner.put("text", config.loginBanner().text());
        root.put("selfServicePortal", config.selfServicePortal());
        ObjectNode metrics = root.putObject("metrics");
        metrics.put("enabled", config.metrics().enabled());
        metrics.put("listenAddress", config.metrics().listenAddress().toString());
        metrics.put("port", config.metrics().port());
        ObjectNode portal = root.putObject("portal");
        portal.put("port", config.portal().port());
        portal.put("profileFile", path(config.portal().profileFile()));
        portal.put("installersFolder", path(config.portal().installersFolder()));
        return root;
    }

    private static ObjectNode authentication(AuthenticationOptions options) {
        ObjectNode node = NODES.objectNode();
        node.put("type", options.type());
        if (options instanceof AuthenticationOptions.Mutual mutual) {
            mutual(node, mutual);
        } else if (options instanceof AuthenticationOptions.Directory directory) {
            directory(node, directory);
        } else if (options instanceof AuthenticationOptions.MutualAndDirectory both) {
            mutual(node, both.mutual());
            directory(node, both.directory());
        } else if (options instanceof AuthenticationOptions.Federated federated) {
            if (federated.idp() instanceof IdpSource.Pinned pinned) {
                node.put("idpCertificateFile", path(pinned.certificateFile()));
                node.put("idpUrl", pinned.url());
                node.put("idpEntityId", pinned.entityId());
            } else if (federated.idp() instanceof IdpSource.Metadata metadata) {
                node.put("idpMetadataFile", path(metadata.file()));
            }
            federated.testIdp().ifPresent(idp -> {
                ObjectNode test = node.putObject("testIdp");
                test.put("keyFile", path(idp.keyFile()));
                test.put("usersFile", path(idp.usersFile()));
            });
        }
        return node;
    }

    private static void mutual(ObjectNode node, AuthenticationOptions.Mutual mutual) {
        node.put("clientRootCaFile", path(mutual.clientRootCaFile()));
    }

    private static void directory(ObjectNode node, AuthenticationOptions.Directory directory) {
        node.put("usersFile", path(directory.usersFile()));
        node.put("mfa", directory.mfa());
    }

    private static String path(Path path) {
        return path.toString().replace('\\', '/');
    }
}

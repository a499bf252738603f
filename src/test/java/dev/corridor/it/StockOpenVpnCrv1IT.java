package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's stock {@code openvpn} 2.6 client, sending {@code N/A} / {@code ACS::35001} in the stock
 * key-method-2 framing over loopback TCP, receives a well-formed CRV1 challenge from a federated test
 * endpoint. No namespace and no TUN device: the client stops at AUTH_FAILED, before it would open one.
 */
class StockOpenVpnCrv1IT {
    @TempDir
    Path temp;

    @Test
    void stockClientReceivesTheCrv1Challenge() throws Exception {
        assumeTrue(new File("/usr/sbin/openvpn").canExecute(), "needs Debian's openvpn");
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(AuthMode.FEDERATED, TransportProtocol.TCP, 443,
                        false, "127.0.0.1"));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode config = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
        ((ObjectNode) config.get("authentication")).put("idpUrl", "http://127.0.0.1:1/sso");
        mapper.writeValue(init.endpointConfig().toFile(), config);
        List<String> serverLog = new CopyOnWriteArrayList<>();
        try (EndpointServer server = new EndpointServer(EndpointConfigFile.read(init.endpointConfig()),
                init.endpointConfig().getParent(), InetAddress.getLoopbackAddress(), Optional.of(0), Clock.systemUTC(),
                new SecureRandom(), serverLog::add)) {
            server.start();
            Path original = init.endpointConfig().getParent().resolve("clients").resolve("carol.ovpn");
            String profile = Files.readString(original).replace("auth-federate\n", "")
                    .replaceAll("(?m)^remote (\\S+) \\d+$", "remote 127.0.0.1 " + server.localAddress().getPort());
            Path profileFile = temp.resolve("stock.ovpn");
            Files.writeString(profileFile, profile);
            Path credentials = temp.resolve("acs.pass");
            Files.writeString(credentials, "N/A\nACS::35001\n");
            Path log = temp.resolve("openvpn.log");
            Process openvpn = new ProcessBuilder("/usr/sbin/openvpn", "--config", profileFile.toString(),
                    "--auth-user-pass", credentials.toString(), "--auth-retry", "none", "--disable-dco",
                    "--verb", "4").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                boolean exited = openvpn.waitFor(30, TimeUnit.SECONDS);
                String text = Files.readString(log);
                assertThat(exited).as(text).isTrue();
                assertThat(text).as(text).containsPattern(
                        "AUTH_FAILED,CRV1:R:instance-\\d+/\\d+/[0-9a-f]{32}:Ti9B:http://127\\.0\\.0\\.1:1/sso\\?SAMLRequest=[^&\\s]+&RelayState=instance-");
                assertThat(serverLog).anyMatch(line -> line.contains("SAML sign-in started"));
            } finally {
                openvpn.destroy();
                if (!openvpn.waitFor(5, TimeUnit.SECONDS)) {
                    openvpn.destroyForcibly();
                }
            }
        }
    }
}

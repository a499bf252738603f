package dev.corridor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A test endpoint made by {@code corridor server init} in a temporary folder, served on loopback
 * with a free port, and {@code corridor check} runs against it.
 */
final class TestEndpoint {
    /** The outcome of one {@code corridor check}. */
    record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    final InitResult init;
    final List<String> serverLog = new CopyOnWriteArrayList<>();
    private final Path folder;

    private TestEndpoint(InitResult init, Path folder) {
        this.init = init;
        this.folder = folder;
    }

    /** Rewrites the endpoint's {@code endpoint.json} through {@code edit}. */
    void editConfig(UnaryOperator<ObjectNode> edit) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(configFile().toFile());
        Files.writeString(configFile(), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(edit.apply(root)));
    }

    /** Runs {@code server init} into {@code temp/endpoint}. */
    static TestEndpoint init(Path temp, AuthMode auth, TransportProtocol transport) throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(auth, transport, 443, false, "127.0.0.1"));
        return new TestEndpoint(init, temp);
    }

    Path configFile() {
        return init.endpointConfig();
    }

    /** Serves the endpoint with {@code clock}. */
    EndpointServer start(Clock clock) throws Exception {
        EndpointServer server = new EndpointServer(EndpointConfigFile.read(init.endpointConfig()),
                init.endpointConfig().getParent(), InetAddress.getLoopbackAddress(), Optional.of(0), clock,
                new SecureRandom(), serverLog::add);
        server.start();
        return server;
    }

    EndpointServer start() throws Exception {
        return start(Clock.systemUTC());
    }

    /** The profile of {@code user}, pointing at the server's real port. */
    Path profile(String user, int port) throws Exception {
        Path original = init.endpointConfig().getParent().resolve("clients").resolve(user + ".ovpn");
        String text = Files.readString(original).replaceAll("(?m)^remote (\\S+) \\d+$", "remote $1 " + port);
        Path copy = original.resolveSibling(user + "-test.ovpn");
        Files.writeString(copy, text);
        return copy;
    }

    TestUserCredentials user(String name) {
        return init.credentials().stream().filter(c -> c.username().equals(name)).findFirst().orElseThrow();
    }

    /** A credentials file for {@code name}: username, password and, for MFA users, the current code. */
    Path credentialsFile(String name) throws Exception {
        TestUserCredentials user = user(name);
        StringBuilder text = new StringBuilder(name).append('\n').append(user.password().orElseThrow()).append('\n');
        if (user.totpSecret().isPresent()) {
            text.append(new Totp(Base32.decode(user.totpSecret().get()).orElseThrow()).code(Clock.systemUTC()
                    .instant())).append('\n');
        }
        Path file = folder.resolve(name + ".pass");
        Files.writeString(file, text.toString());
        return file;
    }

    static Result check(Path profile, int count, double interval, int timeoutSeconds, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] base = {"check", "--config", profile.toString(), "--json", "--count", String.valueOf(count),
            "--interval", String.valueOf(interval), "--timeout", String.valueOf(timeoutSeconds)};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Result check(Path profile, String... extra) {
        return check(profile, 3, 0.2, 20, extra);
    }

    /** Waits up to {@code seconds} for {@code condition}; true when it held. */
    static boolean waitFor(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}

package dev.corridor.bench.connect;

import dev.corridor.server.EndpointServer;
import dev.corridor.server.config.EndpointConfigFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Corridor's test server for {@link HandshakeBenchmark} on loopback UDP with its virtual network (no TUN
 * device, no root): either in this JVM, or as a child JVM ({@code corridor server run}) the way
 * {@code ./bench/connect} runs it, so that the client's code is not warmed by the server's.
 */
final class Endpoint implements AutoCloseable {
    private final InetSocketAddress address;
    private final Optional<EndpointServer> inJvm;
    private final Optional<Process> process;

    private Endpoint(InetSocketAddress address, Optional<EndpointServer> inJvm, Optional<Process> process) {
        this.address = address;
        this.inJvm = inJvm;
        this.process = process;
    }

    /** The server in this JVM on a free port. */
    static Endpoint inThisJvm(Path endpointConfig) throws Exception {
        EndpointServer server = new EndpointServer(EndpointConfigFile.read(endpointConfig), endpointConfig.getParent(),
                InetAddress.getLoopbackAddress(), Optional.of(0), Clock.systemUTC(), new SecureRandom(), line -> { });
        server.start();
        return new Endpoint(server.localAddress(), Optional.of(server), Optional.empty());
    }

    /**
     * {@code corridor server run} as a child JVM (this class path); returns once it serves and its handshake
     * rehearsal has ended ({@code rehearse}: "adaptive", a count, or "0" for none).
     */
    static Endpoint process(Path endpointConfig, String rehearse) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcorridor.home=" + endpointConfig.getParent().resolve("home"),
                "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.corridor.cli.Main", "server", "run",
                "--config", endpointConfig.toString(), "--listen", "127.0.0.1", "--port-override",
                String.valueOf(port), "--stop-with-stdin", "--rehearse-handshakes",
                rehearse.equals("adaptive") ? "-1" : rehearse))
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        boolean serving = false;
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            serving |= line.contains("Serving ");
            if (line.contains("handshake rehearsal: ")) {
                System.out.println("server: " + line);
            }
            if (serving && (rehearse.equals("0") || line.contains("handshake rehearsal: "))) {
                Thread drain = new Thread(() -> {
                    try {
                        while (output.readLine() != null) {
                            // the server's log is not needed
                        }
                    } catch (IOException e) {
                        // the server ended
                    }
                }, "server-output");
                drain.setDaemon(true);
                drain.start();
                return new Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Optional.empty(),
                        Optional.of(child));
            }
        }
        child.destroyForcibly();
        throw new IllegalStateException("the server process ended before serving");
    }

    InetSocketAddress address() {
        return address;
    }

    /** The server process's id for {@code /proc}, or "self" when it runs in this JVM. */
    String pid() {
        return process.map(p -> String.valueOf(p.pid())).orElse("self");
    }

    @Override
    public void close() throws Exception {
        inJvm.ifPresent(EndpointServer::stop);
        if (process.isPresent()) {
            process.get().getOutputStream().close();
            if (!process.get().waitFor(10, TimeUnit.SECONDS)) {
                process.get().destroyForcibly();
            }
        }
    }
}

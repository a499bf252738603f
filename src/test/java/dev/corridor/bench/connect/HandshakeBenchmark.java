package dev.corridor.bench.connect;

import dev.corridor.client.ClientEngine;
import dev.corridor.client.ConnectOptions;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.ConnectionState;
import dev.corridor.client.HandshakeRehearsal;
import dev.corridor.client.InMemoryTunProvider;
import dev.corridor.client.RehearsalPace;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.profile.ParseResult;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.server.AuthMode;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.tun.InMemoryTun;
import dev.corridor.tun.packet.IcmpEcho;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The handshake part of a warm connect, without root: Corridor's server (virtual network, no TUN) and
 * Corridor's client (in-memory TUN device) in this JVM over loopback UDP, through a {@link WireTimeline}
 * relay, connecting again and again as a user reconnecting in the desktop app. Per connect it prints the
 * phases (ms since the press), the first ping answered through the tunnel, and the wire timeline; at the
 * end the median of each step over the warm connects.
 *
 * <pre>
 *   java -cp test-classes:classes:deps dev.corridor.bench.connect.HandshakeBenchmark [RUNS (30)] [--quiet]
 *        [--separate-server]   (the server as its own JVM, as in ./bench/connect; else in this one)
 *        [--rehearse N|adaptive]        (the client's rehearsal first, as the desktop app does at start; default none)
 *        [--server-rehearse N|adaptive] (the separate server's, as `server run` does after its start; default
 *                                        adaptive; 0: none; the connects start once it has ended)
 * </pre>
 */
public final class HandshakeBenchmark {
    /** The steps timed per connect, in order; each from the press. */
    private static final List<ConnectionState> STEPS = List.of(ConnectionState.CONNECTING,
            ConnectionState.TLS_HANDSHAKE, ConnectionState.AUTHENTICATING, ConnectionState.GETTING_CONFIGURATION,
            ConnectionState.CONNECTED);

    private HandshakeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 30;
        List<String> flags = List.of(args);
        boolean quiet = flags.contains("--quiet");
        String rehearse = flags.contains("--rehearse") ? flags.get(flags.indexOf("--rehearse") + 1) : "0";
        String serverRehearse = flags.contains("--server-rehearse")
                ? flags.get(flags.indexOf("--server-rehearse") + 1) : "adaptive";
        Path folder = Files.createTempDirectory("chs-handshake-");
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(folder.resolve("endpoint"), new InitOptions(AuthMode.MUTUAL, TransportProtocol.UDP, 1194,
                        true, "127.0.0.1"));
        try (Endpoint server = flags.contains("--separate-server")
                ? Endpoint.process(init.endpointConfig(), serverRehearse)
                : Endpoint.inThisJvm(init.endpointConfig());
                WireTimeline relay = new WireTimeline(server.address())) {
            Path profileFile = init.endpointConfig().getParent().resolve("clients").resolve("bob.ovpn");
            String text = Files.readString(profileFile).replaceAll("(?m)^remote (\\S+) \\d+$",
                    "remote 127.0.0.1 " + relay.port());
            Path relayed = profileFile.resolveSibling("bob-relayed.ovpn");
            Files.writeString(relayed, text);
            if (!rehearse.equals("0")) {
                long started = System.nanoTime();
                HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(rehearse.equals("adaptive")
                        ? RehearsalPace.ADAPTIVE : RehearsalPace.exactly(Integer.parseInt(rehearse)),
                        Clock.systemUTC(), new SecureRandom());
                rehearsal.awaitEnd(Duration.ofMinutes(5));
                System.out.println("handshake rehearsal: " + rehearsal.completed() + " handshake(s) in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            List<Map<ConnectionState, Double>> all = new ArrayList<>();
            List<Double> pings = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            Map<String, List<Double>> perKind = new TreeMap<>();
            for (int i = 0; i < runs; i++) {
                relay.drain();
                Map<ConnectionState, Double> steps = new EnumMap<>(ConnectionState.class);
                Map<String, Long> cpuBefore = ThreadCpu.snapshot();
                Map<String, Long> serverBefore = server.pid().equals("self") ? Map.of()
                        : ThreadCpu.snapshot(server.pid(), "server JVM ");
                long start = System.nanoTime();
                Map<String, Double> threads = new TreeMap<>();
                double ping = connectOnce(relayed, steps, start, cpuBefore, threads);
                cpu.add(threads.values().stream().mapToDouble(Double::doubleValue).sum());
                if (!serverBefore.isEmpty()) {
                    threads.putAll(ThreadCpu.between(serverBefore, ThreadCpu.snapshot(server.pid(), "server JVM ")));
                }
                threads.forEach((kind, millis) -> perKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(millis));
                List<WireTimeline.Passage> wire = relay.drain();
                all.add(steps);
                pings.add(ping);
                StringBuilder line = new StringBuilder("run " + (i + 1) + ":");
                for (ConnectionState step : STEPS) {
                    line.append(String.format(" %s +%.1f", step, steps.getOrDefault(step, Double.NaN)));
                }
                line.append(String.format(", ping answered +%.1f; CPU of this JVM %.1f ms", ping, cpu.get(i)));
                threads.forEach((kind, millis) -> line.append(String.format(" %s %.1f", kind, millis)));
                System.out.println(line);
                if (!quiet) {
                    System.out.print(WireTimeline.describe(wire, start));
                }
            }
            int skip = Math.min(3, runs - 1);
            summarize(all.subList(skip, all.size()), pings.subList(skip, pings.size()), skip);
            System.out.printf("  CPU of this JVM per connect: median %.1f ms%n", median(cpu.subList(skip, cpu.size())));
            perKind.forEach((kind, millis) -> System.out.printf("    %-22s median %5.1f ms%n", kind,
                    median(millis.subList(Math.min(skip, millis.size() - 1), millis.size()))));
        }
    }

    /**
     * One connect: from the press to the first ping answered through the tunnel; the steps and the CPU
     * time of this JVM's threads until the answer are filled in.
     */
    private static double connectOnce(Path profileFile, Map<ConnectionState, Double> steps, long start,
            Map<String, Long> cpuBefore, Map<String, Double> cpu) throws Exception {
        ParseResult parsed = ProfileParser.standard().parse(profileFile.toString(), Files.readAllBytes(profileFile),
                ReferencedFiles.inFolder(profileFile.toAbsolutePath().getParent()));
        Profile profile = parsed.profile().orElseThrow();
        InMemoryTunProvider tun = new InMemoryTunProvider();
        ConnectOptions options = new ConnectOptions(InJvmCorridorClient.NO_PASSWORD, tun, 1, Duration.ofSeconds(30), "bench",
                Clock.systemUTC(), new SecureRandom());
        CompletableFuture<dev.corridor.client.TunnelSettings> connected = new CompletableFuture<>();
        try (ClientEngine engine = new ClientEngine()) {
            engine.addListener(event -> {
                if (event instanceof ConnectionEvent.StateChanged changed) {
                    steps.putIfAbsent(changed.state(), (System.nanoTime() - start) / 1e6);
                } else if (event instanceof ConnectionEvent.Connected up) {
                    connected.complete(up.settings());
                } else if (event instanceof ConnectionEvent.Disconnected down) {
                    connected.completeExceptionally(new IllegalStateException(down.reason()));
                }
            });
            engine.connect("bench", profile, options);
            dev.corridor.client.TunnelSettings settings = connected.get(30, TimeUnit.SECONDS);
            InMemoryTun device = tun.device();
            Inet4Address source = (Inet4Address) InetAddress.getByName(settings.ipv4Address());
            Inet4Address gateway = (Inet4Address) InetAddress.getByName(settings.gateway().orElseThrow());
            device.inject(IcmpEcho.request(source, gateway, 0x4242, 1, 16));
            while (true) {
                byte[] packet = device.takeDelivered(Duration.ofSeconds(5)).orElseThrow(() ->
                        new IllegalStateException("no ping answered through the tunnel"));
                if (IcmpEcho.parseReply(packet).filter(r -> r.identifier() == 0x4242).isPresent()) {
                    double answered = (System.nanoTime() - start) / 1e6;
                    cpu.putAll(ThreadCpu.between(cpuBefore, ThreadCpu.snapshot()));
                    return answered;
                }
            }
        }
    }

    private static void summarize(List<Map<ConnectionState, Double>> warm, List<Double> pings, int skipped) {
        System.out.println("median of " + warm.size() + " connects (the first " + skipped + " left out), ms:");
        double previous = 0;
        for (ConnectionState step : STEPS) {
            List<Double> at = warm.stream().map(m -> m.getOrDefault(step, Double.NaN)).toList();
            double median = median(at);
            System.out.printf("  %-22s at +%6.1f  (step %5.1f)%n", step, median, median - previous);
            previous = median;
        }
        System.out.printf("  %-22s at +%6.1f  (step %5.1f)%n", "ping answered", median(pings),
                median(pings) - previous);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

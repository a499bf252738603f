package dev.corridor.bench.load;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.profile.DataChannelSettings;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.protocol.Role;
import dev.corridor.protocol.keys.OccOptionsString;
import dev.corridor.protocol.keys.PeerInfo;
import dev.corridor.protocol.keys.ProtocolCapability;
import dev.corridor.protocol.tls.TlsClientConfig;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A load benchmark of the bundled test server (not a test; {@code ./bench/server-load} runs it):
 * makes a mutual-authentication endpoint, runs {@code corridor server run} as its own process on
 * loopback UDP, and brings up {@code --clients} simulated clients on a few load-loop threads, at most
 * {@code --in-flight} handshakes at a time, each from one of many loopback source addresses
 * (127.0.0.2 upwards, {@code --per-source} clients each, below the server's 32 per source). Every
 * client pings the server's tunnel address after connecting and again once all are up, then leaves
 * with EXIT. Prints handshake rate and times, ping round trips, failures, and the server's resident
 * memory and CPU time.
 *
 * <pre>
 *   init endpoint ─► server process ─► ramp: N handshakes (≤ in-flight at once) + pings
 *     ─► all settled: sample RSS/CPU ─► hold: second ping round ─► sample ─► leave (EXIT) ─► sample ─► stop
 * </pre>
 */
public final class ServerLoadBenchmark {
    /** The IV_PROTO bits the real client offers. */
    private static final EnumSet<ProtocolCapability> CAPABILITIES = EnumSet.of(ProtocolCapability.DATA_V2,
            ProtocolCapability.REQUEST_PUSH, ProtocolCapability.TLS_KEY_EXPORT,
            ProtocolCapability.AUTH_PENDING_KEYWORDS, ProtocolCapability.CC_EXIT_NOTIFY,
            ProtocolCapability.AUTH_FAIL_TEMP);

    /** The command line. */
    record Options(int clients, int inFlight, int threads, int perSource, int pings, long pingIntervalMillis,
            int holdSeconds, int handshakeTimeoutSeconds, Path out, String serverJavaOptions) {
        static Options parse(String[] args) {
            Map<String, String> given = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: --name value ...; bad argument " + args[i]);
                }
                given.put(args[i].substring(2), args[++i]);
            }
            Options options = new Options(number(given, "clients", 1000), number(given, "in-flight", 64),
                    number(given, "threads", 1), number(given, "per-source", 16), number(given, "pings", 3),
                    number(given, "ping-interval-ms", 200), number(given, "hold-seconds", 5),
                    number(given, "handshake-timeout-seconds", 60),
                    Path.of(given.getOrDefault("out", "target/server-load")),
                    given.getOrDefault("server-java-options", ""));
            given.keySet().removeAll(List.of("clients", "in-flight", "threads", "per-source", "pings",
                    "ping-interval-ms", "hold-seconds", "handshake-timeout-seconds", "out", "server-java-options"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s): " + given.keySet());
            }
            if (options.perSource() < 1 || options.perSource() > 32) {
                throw new IllegalArgumentException("--per-source must be 1..32 (the server allows 32 per source)");
            }
            return options;
        }

        private static int number(Map<String, String> given, String name, int fallback) {
            String text = given.get(name);
            try {
                int value = text == null ? fallback : Integer.parseInt(text);
                if (value < 1 && !name.equals("hold-seconds")) {
                    throw new IllegalArgumentException("--" + name + " must be positive");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs a number, not " + text);
            }
        }
    }

    private ServerLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        Path endpointFolder = Files.createTempDirectory(options.out().toAbsolutePath(), "endpoint-");
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(endpointFolder, InitOptions.defaults());
        Path profileFile = init.profiles().get(0);
        Profile profile = ProfileParser.standard().parse(profileFile.toString(), Files.readAllBytes(profileFile),
                ReferencedFiles.inFolder(profileFile.getParent())).profile().orElseThrow(
                        () -> new IllegalStateException("the generated profile " + profileFile + " is not usable"));
        TlsClientConfig tls = TlsClientConfig.fromProfile(profile.tls(), new char[0]).asOptional().orElseThrow(
                () -> new IllegalStateException("the profile's TLS settings are not usable"));
        Path serverLog = options.out().resolve("server.log");
        long generatorCpuAtStart = EndpointProcess.cpuMillisOf(ProcessHandle.current().pid());
        try (EndpointProcess server = EndpointProcess.start(init.endpointConfig(), serverLog,
                options.serverJavaOptions())) {
            EndpointProcess.Serving serving = server.serving();
            EndpointProcess.Memory idle = server.memory();
            long heapIdle = server.heapUsedAfterGcKib();
            long serverCpuIdle = server.cpuMillis();
            Map<String, Double> threadsIdle = server.threadCpuMillis();
            say("server pid " + server.pid() + " on " + serving.host() + ":" + serving.port() + ", tunnel "
                    + serving.tunnelAddress() + "; idle RSS " + idle.rssKib() / 1024 + " MiB, CPU so far "
                    + serverCpuIdle + " ms (JVM start)");

            ClientBlueprint blueprint = new ClientBlueprint(tls, occOptions(profile.dataChannel()),
                    peerInfo(profile.dataChannel()), profile.dataChannel(),
                    new InetSocketAddress(serving.host(), serving.port()),
                    (Inet4Address) InetAddress.getByName(serving.tunnelAddress()), options.pings(),
                    options.pingIntervalMillis(), options.handshakeTimeoutSeconds() * 1000L, Clock.systemUTC(),
                    new SecureRandom());
            LoadRun run = new LoadRun(options.clients(), options.inFlight());
            LoadFigures figures = new LoadFigures();
            List<List<SimulatedClient>> shares = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                shares.add(new ArrayList<>());
            }
            for (int i = 0; i < options.clients(); i++) {
                shares.get(i % options.threads()).add(new SimulatedClient(i, sourceAddress(i / options.perSource()),
                        blueprint, run, figures));
            }
            List<LoadLoop> loops = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                LoadLoop loop = new LoadLoop(shares.get(t), run);
                loops.add(loop);
                Thread thread = new Thread(loop, "load-loop-" + t);
                threads.add(thread);
            }
            long bufferDropsAtStart = udpReceiveBufferErrors();
            long startNanos = System.nanoTime();
            threads.forEach(Thread::start);
            while (!run.allSettled()) {
                Thread.sleep(1000);
                say(String.format("%5.1f s: %d settled, %d connected, server says %d connected",
                        (System.nanoTime() - startNanos) / 1e9, run.settledCount(), run.connected(),
                        server.connects()));
            }
            double rampSeconds = (run.allSettledNanos() - startNanos) / 1e9;
            long serverCpuRamp = server.cpuMillis();
            long bufferDropsRamp = udpReceiveBufferErrors();
            EndpointProcess.Memory allUp = server.memory();
            // jcmd attaches to the server (and starts a JVM of its own): done before the second ping
            // round, and a second of calm after it, so that it does not disturb those pings
            Map<String, Double> threadsRamp = server.threadCpuMillis();
            Thread.sleep(1000);
            long bufferDropsSampling = udpReceiveBufferErrors();
            say("all settled after " + String.format("%.1f", rampSeconds) + " s; holding " + options.holdSeconds()
                    + " s (second ping round)");
            run.startSecondPingRound();
            Thread.sleep(options.holdSeconds() * 1000L);
            EndpointProcess.Memory held = server.memory();
            long serverCpuHeld = server.cpuMillis();
            long heapHeld = server.heapUsedAfterGcKib(); // a full GC: outside the CPU figures
            long bufferDropsHeld = udpReceiveBufferErrors();

            run.leave();
            for (Thread thread : threads) {
                thread.join();
            }
            long waitUntil = System.currentTimeMillis() + 10_000;
            while (sum(server.disconnects()) < server.connects() && System.currentTimeMillis() < waitUntil) {
                Thread.sleep(100);
            }
            long serverCpuEnd = server.cpuMillis();
            EndpointProcess.Memory end = server.memory();
            long heapEnd = server.heapUsedAfterGcKib();
            long generatorCpu = EndpointProcess.cpuMillisOf(ProcessHandle.current().pid()) - generatorCpuAtStart;
            long loopCpu = loops.stream().mapToLong(LoadLoop::cpuNanos).sum() / 1_000_000;

            int connected = run.connected();
            say("");
            say("==== server load, " + Instant.now() + " ====");
            say(String.format("clients %d (in flight at most %d, %d load thread(s), %d per source address, "
                    + "sources 127.0.0.2-%s), pings %d + %d per client", options.clients(), options.inFlight(),
                    options.threads(), options.perSource(),
                    sourceAddress((options.clients() - 1) / options.perSource()).getHostAddress(), options.pings(),
                    options.pings()));
            say(String.format("connected %d of %d in %.1f s: %.1f handshakes/s", connected, options.clients(),
                    rampSeconds, connected / rampSeconds));
            say("handshake (hard reset to data keys): " + figures.handshakeTimes());
            say("  of which to TLS established:       " + figures.tlsTimes());
            say("ping RTT while clients connect:      " + figures.rampRtt());
            say("ping RTT with all connected:         " + figures.fullRtt());
            say("pings lost (no reply in 5 s):        " + figures.lostPings() + " (of which " + figures.lostFirstPings()
                    + " were a client's first packet after connecting)");
            say("EXIT acknowledged by the server:     " + figures.exitsAcknowledged());
            say(String.format("UDP datagrams the kernel dropped for a full socket receive buffer (RcvbufErrors of"
                    + " /proc/net/snmp, any socket): %d during the ramp, %d while sampling the server, %d during the"
                    + " second ping round", bufferDropsRamp - bufferDropsAtStart, bufferDropsSampling - bufferDropsRamp,
                    bufferDropsHeld - bufferDropsSampling));
            say("failures by reason:                  " + (figures.failures().isEmpty() ? "none"
                    : figures.failures()));
            say("server log: " + server.connects() + " connect, " + server.refusals() + " refused, disconnects "
                    + server.disconnects());
            say(String.format("server RSS (VmRSS): idle %d MiB, all connected %d MiB, after hold %d MiB, after all"
                    + " left %d MiB; peak (VmHWM) %d MiB", idle.rssKib() / 1024, allUp.rssKib() / 1024,
                    held.rssKib() / 1024, end.rssKib() / 1024, end.peakRssKib() / 1024));
            say(String.format("server heap used after a full GC: idle %.1f MiB, %d connected %.1f MiB, after all"
                    + " left %.1f MiB (%.1f KiB per connected client)", heapIdle / 1024.0, connected,
                    heapHeld / 1024.0, heapEnd / 1024.0, connected == 0 ? Double.NaN
                            : (double) (heapHeld - heapEnd) / connected));
            say(String.format("server CPU (user+sys): ramp %.1f s (%.1f ms per handshake), hold %.1f s, leave %.1f s",
                    (serverCpuRamp - serverCpuIdle) / 1000.0,
                    connected == 0 ? Double.NaN : (double) (serverCpuRamp - serverCpuIdle) / connected,
                    (serverCpuHeld - serverCpuRamp) / 1000.0, (serverCpuEnd - serverCpuHeld) / 1000.0));
            for (String thread : threadsRamp.keySet()) {
                double ramp = threadsRamp.get(thread) - threadsIdle.getOrDefault(thread, 0.0);
                say(String.format("  server thread %s: %.1f s during the ramp (%.2f ms per handshake)", thread,
                        ramp / 1000, connected == 0 ? Double.NaN : ramp / connected));
            }
            say(String.format("load generator CPU: %.1f s in total (%.1f s on the load-loop threads)",
                    generatorCpu / 1000.0, loopCpu / 1000.0));
            say("server output: " + serverLog);
        }
    }

    /** The kernel's count of UDP datagrams dropped because a socket's receive buffer was full. */
    private static long udpReceiveBufferErrors() throws java.io.IOException {
        List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                .filter(line -> line.startsWith("Udp: ")).toList();
        List<String> names = List.of(udp.get(0).split(" "));
        return Long.parseLong(udp.get(1).split(" ")[names.indexOf("RcvbufErrors")]);
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** 127.0.0.2, 127.0.0.3, ... 127.0.1.0, ...: Linux routes all of 127/8 to the loopback device. */
    static InetAddress sourceAddress(int number) throws java.net.UnknownHostException {
        int host = 2 + number;
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (host >> 8), (byte) host});
    }

    private static String occOptions(DataChannelSettings data) {
        return OccOptionsString.builder(Role.CLIENT).tunMtu(data.tunMtu()).tcp(false)
                .cipher(data.fallbackCipher().orElse(data.dataCiphers().get(0)), data.fallbackCipher().isPresent())
                .auth(data.authDigest()).compression(data.compression() == DataChannelSettings.Compression.NONE
                        ? OccOptionsString.Compression.NONE : OccOptionsString.Compression.FRAMING_BYTE)
                .build();
    }

    private static String peerInfo(DataChannelSettings data) {
        return PeerInfo.builder().version("2.6-corridor-load").platform("linux").guiVersion("Corridor_load")
                .tcpNonLinear(true).mtu(1600).ciphers(data.dataCiphers()).capabilities(CAPABILITIES).build().text();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}

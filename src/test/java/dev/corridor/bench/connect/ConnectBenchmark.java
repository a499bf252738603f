package dev.corridor.bench.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.client.HandshakeRehearsal;
import dev.corridor.client.HostTunProvider;
import dev.corridor.client.RehearsalPace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connect time against one running server, from inside the client namespace of {@code ./bench/connect}
 * (which builds the lab and starts the servers): Corridor's client as a fresh JVM per connect (cold), run
 * from the packaged jar the way {@code ./corridor} runs it (with its class-data archive, recorded by one
 * untimed connect first, and without), Corridor's client inside this JVM connecting again and again (the
 * first run cold, the rest warm: a desktop user pressing Connect in a running app), and OpenVPN's client
 * as a fresh process per connect.
 *
 * <pre>
 *   each run:  start ─► client connects ─► ping -c 1 TARGET (every ~20 ms) answered ─► stop, network restored
 *   prints:    RESULT|client|server|median ms|min ms|max ms|n|runs
 * </pre>
 */
public final class ConnectBenchmark {
    private ConnectBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String server = required(options, "server");
        Path profile = Path.of(required(options, "profile"));
        Path out = Files.createDirectories(Path.of(options.getOrDefault("out", "/tmp/ccn-bench")));
        int runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        String javaOptions = options.getOrDefault("java-options", "");
        PingProbe probe = new PingProbe(options.getOrDefault("target", "10.101.0.10"));
        if (probe.answersNow()) {
            throw new IllegalStateException("the target answers before any client runs: the lab is not isolated");
        }

        List<ConnectTimes> results = new ArrayList<>();
        Path app = Path.of(required(options, "app"));
        List<ProcessClient> freshJvms = new ArrayList<>();
        freshJvms.add(new ProcessClient("Corridor client, fresh JVM, jar + class-data archive",
                PackagedCorridor.withArchive(app, recordArchive(app, out, "app", javaOptions, profile, probe),
                        javaOptions, out.resolve("cold-home"), profile),
                out.resolve("corridor-cold-archive.log"), probe));
        freshJvms.add(new ProcessClient("Corridor client, fresh JVM, jar, no archive",
                PackagedCorridor.withoutArchive(app, javaOptions, out.resolve("cold-home"), profile),
                out.resolve("corridor-cold-plain.log"), probe));
        if (options.containsKey("signed-app")) {
            Path signed = Path.of(options.get("signed-app"));
            freshJvms.add(new ProcessClient("Corridor client, fresh JVM, jar + archive, signed BouncyCastle jars",
                    PackagedCorridor.withArchive(signed, recordArchive(signed, out, "signed-app", javaOptions,
                            profile, probe), javaOptions, out.resolve("cold-home"), profile),
                    out.resolve("corridor-cold-signed.log"), probe));
        }
        ProcessClient openVpn = new ProcessClient("OpenVPN 2.6 client", List.of("openvpn", "--config",
                profile.toString(), "--verb", "3"), out.resolve("openvpn-client.log"), probe);
        InJvmCorridorClient inJvm = new InJvmCorridorClient(profile, Files.createDirectories(out.resolve("jvm-home")),
                probe);
        // The desktop app rehearses the handshake while it waits for its user (HandshakeRehearsal); the
        // in-JVM client stands for that app, so its first connect comes after the same rehearsal.
        String rehearse = options.getOrDefault("rehearse", "adaptive");
        String firstLabel = "Corridor client, one JVM, first connect";
        if (!rehearse.equals("0")) {
            long started = System.nanoTime();
            HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(rehearse.equals("adaptive")
                    ? RehearsalPace.ADAPTIVE : RehearsalPace.exactly(Integer.parseInt(rehearse)), Clock.systemUTC(),
                    new SecureRandom());
            rehearsal.awaitEnd(Duration.ofMinutes(5));
            System.out.println("the app's handshake rehearsal: " + rehearsal.completed() + " handshake(s) in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms before the first in-JVM connect");
            // ... and with the host's TUN device reads the host network once (loads JNA and netlink); the app
            // has started Jackson by then too (it reads its preferences and profiles as JSON).
            System.out.println("the app's start-up read: " + HostTunProvider.readHostNetworkOnce(out.resolve("jvm-home")));
            new ObjectMapper().readTree("{\"preferences\":{}}");
            firstLabel += " after the app's handshake rehearsal";
        }

        // interleaved, so that a burst of load from other work hits every series alike
        List<List<Long>> cold = new ArrayList<>();
        freshJvms.forEach(client -> cold.add(new ArrayList<>()));
        List<Long> openvpn = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            StringBuilder line = new StringBuilder("run " + (i + 1) + ":");
            for (int c = 0; c < freshJvms.size(); c++) {
                cold.get(c).add(freshJvms.get(c).connectOnce());
                line.append(' ').append(freshJvms.get(c).label()).append(' ').append(cold.get(c).get(i)).append(" ms,");
                if (c == 0) {
                    openvpn.add(openVpn.connectOnce());
                    line.append(" OpenVPN ").append(openvpn.get(i)).append(" ms,");
                }
            }
            warm.add(inJvm.connectOnce());
            System.out.println(line.append(" in one JVM ").append(warm.get(i)).append(" ms"));
        }
        for (int c = 0; c < freshJvms.size(); c++) {
            results.add(new ConnectTimes(freshJvms.get(c).label(), cold.get(c)));
        }
        ConnectTimes inOne = new ConnectTimes("Corridor client, one JVM (all runs)", warm);
        results.add(new ConnectTimes(firstLabel, warm.subList(0, 1)));
        results.add(inOne.withoutFirst("Corridor client, one JVM, later connects (warm)"));
        results.add(new ConnectTimes(openVpn.label(), openvpn));
        for (ConnectTimes times : results) {
            System.out.println(times.describe());
            long min = times.millis().stream().mapToLong(Long::longValue).min().orElse(0);
            long max = times.millis().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.println("RESULT|" + times.label() + "|" + server + "|" + times.median() + "|" + min + "|" + max
                    + "|" + times.millis().size());
        }
    }

    /**
     * Records {@code app}'s class-data archive the way the first {@code ./corridor connect} after a build
     * does: one connect (untimed) with {@code -XX:ArchiveClassesAtExit}, stopped like the timed ones.
     */
    private static Path recordArchive(Path app, Path out, String name, String javaOptions, Path profile,
            PingProbe probe) throws IOException, InterruptedException {
        Path archive = out.resolve(name + "-connect.jsa");
        Files.deleteIfExists(archive);
        new ProcessClient("recording " + archive, PackagedCorridor.recordingArchive(app, archive, javaOptions,
                out.resolve("cold-home"), profile), out.resolve(name + "-record.log"), probe).connectOnce();
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the JVM wrote no class-data archive " + archive + "; see "
                    + out.resolve(name + "-record.log"));
        }
        System.out.println("recorded " + archive + " (" + Files.size(archive) / 1024 + " KiB)");
        return archive;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) throws IOException {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}

package dev.corridor.bench.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connect time against one running server, from inside the client namespace of {@code ./bench/connect}
 * (which builds the lab and starts the servers): Corridor's client as a fresh JVM per connect (cold),
 * Corridor's client inside this JVM connecting again and again (the first run cold, the rest warm: a
 * desktop user pressing Connect in a running app), and OpenVPN's client as a fresh process per connect.
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
        ProcessClient coldCorridor = new ProcessClient("Corridor client, fresh JVM", corridorCommand(javaOptions,
                out.resolve("cold-home"), profile), out.resolve("corridor-cold.log"), probe);
        ProcessClient openVpn = new ProcessClient("OpenVPN 2.6 client", List.of("openvpn", "--config",
                profile.toString(), "--verb", "3"), out.resolve("openvpn-client.log"), probe);
        InJvmCorridorClient inJvm = new InJvmCorridorClient(profile, Files.createDirectories(out.resolve("jvm-home")),
                probe);

        // interleaved, so that a burst of load from other work hits every series alike
        List<Long> cold = new ArrayList<>();
        List<Long> openvpn = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            cold.add(coldCorridor.connectOnce());
            openvpn.add(openVpn.connectOnce());
            warm.add(inJvm.connectOnce());
            System.out.printf("run %d: fresh JVM %d ms, OpenVPN %d ms, in one JVM %d ms%n", i + 1, cold.get(i),
                    openvpn.get(i), warm.get(i));
        }
        results.add(new ConnectTimes(coldCorridor.label(), cold));
        ConnectTimes inOne = new ConnectTimes("Corridor client, one JVM (all runs)", warm);
        results.add(new ConnectTimes("Corridor client, one JVM, first connect", warm.subList(0, 1)));
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

    /** {@code java [OPTIONS] -Dcorridor.home=HOME --add-opens=… -cp <this class path> dev.corridor.cli.Main connect --config PROFILE}. */
    private static List<String> corridorCommand(String javaOptions, Path home, Path profile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(javaOptions.strip().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
        command.addAll(List.of("-Dcorridor.home=" + home, "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "dev.corridor.cli.Main", "connect", "--config", profile.toString()));
        return command;
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

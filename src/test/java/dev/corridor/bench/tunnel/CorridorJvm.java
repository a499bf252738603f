package dev.corridor.bench.tunnel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line that runs {@code corridor ARGS} in a child JVM with this JVM's class path. */
final class CorridorJvm {
    private CorridorJvm() {}

    /**
     * {@code java [OPTIONS] -Dcorridor.home=HOME --add-opens=… -cp <class path> dev.corridor.cli.Main ARGS}; the
     * add-opens and add-exports are what the jar's manifest gives {@code java -jar} (AES-GCM's GHASH,
     * docs/data-channel.md; UDP segmentation offload, docs/udp-segmentation.md).
     */
    static List<String> command(Path home, String javaOptions, String... args) {
        List<String> command = java(javaOptions);
        command.addAll(List.of("-Dcorridor.home=" + home, "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.corridor.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java [OPTIONS]}: this JVM's launcher and the given options, split at white space. */
    static List<String> java(String javaOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(javaOptions.strip().split("\\s+")).filter(option -> !option.isEmpty()).forEach(command::add);
        return command;
    }
}

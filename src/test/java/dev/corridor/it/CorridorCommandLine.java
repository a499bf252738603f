package dev.corridor.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code corridor ARGS} in a child JVM with the tests' classpath. */
final class CorridorCommandLine {
    private CorridorCommandLine() {}

    /**
     * {@code java -Dcorridor.home=HOME --add-opens=… -cp <test classpath> dev.corridor.cli.Main ARGS}; the
     * add-opens and add-exports are what the jar's manifest gives {@code java -jar} (AES-GCM's GHASH,
     * docs/data-channel.md; UDP segmentation offload, docs/udp-segmentation.md).
     */
    static List<String> of(Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dcorridor.home=" + home, "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.corridor.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }
}

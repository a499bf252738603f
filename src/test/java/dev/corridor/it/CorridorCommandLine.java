package dev.corridor.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code corridor ARGS} in a child JVM with the tests' classpath. */
final class CorridorCommandLine {
    private CorridorCommandLine() {}

    /** {@code java -Dcorridor.home=HOME -cp <test classpath> dev.corridor.cli.Main ARGS}. */
    static List<String> of(Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dcorridor.home=" + home, "-cp", System.getProperty("java.class.path"),
                "dev.corridor.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }
}

package dev.corridor.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs this same Corridor (its Java runtime and class path) as a child process. */
final class ChildCorridor {
    private ChildCorridor() {}

    /**
     * {@code java -Dcorridor.home=HOME -XX:+UseSerialGC --add-opens=… -cp <this class path> dev.corridor.cli.Main ARGS};
     * the add-opens is what the jar's manifest gives {@code java -jar} (AES-GCM's GHASH, docs/data-channel.md).
     *
     * @throws DemoException when this runtime has no {@code java} launcher
     */
    static List<String> commandLine(Path home, List<String> args) throws DemoException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new DemoException("cannot start the demo servers: this Java runtime has no " + java);
        }
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dcorridor.home=" + home,
                "-XX:+UseSerialGC", "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.corridor.cli.Main"));
        command.addAll(args);
        return command;
    }
}

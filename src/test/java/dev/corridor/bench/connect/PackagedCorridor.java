package dev.corridor.bench.connect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command lines of {@code corridor connect} run from a packaged app folder ({@code corridor.jar} with
 * {@code lib/} beside it, as {@code mvn package} leaves them in target/) the way {@code ./corridor} runs it:
 * {@code java [archive flags] [OPTIONS] -jar corridor.jar connect --config PROFILE}, the jar's manifest
 * giving the class path and the add-opens.
 *
 * <pre>
 *   recordingArchive:  -Xlog:cds=off,cds+dynamic=off -XX:ArchiveClassesAtExit=A   (the first connect after a build)
 *   withArchive:       -Xlog:cds=off,cds+dynamic=off -XX:SharedArchiveFile=A       (every later one)
 *   withoutArchive:    no archive flags                                            (CORRIDOR_CDS=off)
 * </pre>
 */
final class PackagedCorridor {
    private PackagedCorridor() {}

    static List<String> recordingArchive(Path app, Path archive, String javaOptions, Path home, Path profile) {
        return command(app, List.of("-Xlog:cds=off,cds+dynamic=off", "-XX:ArchiveClassesAtExit=" + archive),
                javaOptions, home, profile);
    }

    static List<String> withArchive(Path app, Path archive, String javaOptions, Path home, Path profile) {
        return command(app, List.of("-Xlog:cds=off,cds+dynamic=off", "-XX:SharedArchiveFile=" + archive),
                javaOptions, home, profile);
    }

    static List<String> withoutArchive(Path app, String javaOptions, Path home, Path profile) {
        return command(app, List.of(), javaOptions, home, profile);
    }

    private static List<String> command(Path app, List<String> archiveFlags, String javaOptions, Path home,
            Path profile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(archiveFlags);
        Arrays.stream(javaOptions.strip().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
        command.addAll(List.of("-Dcorridor.home=" + home, "-jar", app.resolve("corridor.jar").toString(),
                "connect", "--config", profile.toString()));
        return command;
    }
}

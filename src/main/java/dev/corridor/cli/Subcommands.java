package dev.corridor.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Corridor's subcommands, added to the top-level command line: all of them, except that a command line
 * that runs {@code connect} or {@code check} gets only that one, so that a cold start does not build
 * picocli's model of every other command (reflection over all their options) before it connects.
 *
 * <pre>
 *   corridor connect …  ─►  corridor ─┬─ connect               (the only command the arguments can reach)
 *   corridor …          ─►  corridor ─┬─ demo, profile, check, connect, server, net, diagnostics
 * </pre>
 *
 * <p>Only the first argument is looked at: when it is exactly {@code connect} or {@code check}, picocli
 * dispatches to that subcommand whatever follows (no abbreviations or case-insensitive names are turned
 * on), and its help, errors and usage lines name {@code corridor connect} / {@code corridor check} as before.
 */
final class Subcommands {
    /** By name, in the order {@code corridor --help} lists them. */
    static final Map<String, Class<?>> ALL = ordered(
            "demo", DemoCommand.class,
            "profile", ProfileCommand.class,
            "check", CheckCommand.class,
            "connect", ConnectCommand.class,
            "server", ServerCommand.class,
            "net", NetCommand.class,
            "diagnostics", DiagnosticsCommand.class);

    /** The subcommands that, as first argument, get a command line of their own alone. */
    static final List<String> ALONE = List.of("connect", "check");

    private Subcommands() {}

    /** Adds to {@code root} the subcommands that {@code args} can reach; call before any setting that should reach them. */
    static void addTo(CommandLine root, String... args) {
        if (args.length > 0 && ALONE.contains(args[0])) {
            root.addSubcommand(args[0], ALL.get(args[0]));
            return;
        }
        ALL.forEach(root::addSubcommand);
    }

    private static Map<String, Class<?>> ordered(Object... nameThenClass) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            map.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}

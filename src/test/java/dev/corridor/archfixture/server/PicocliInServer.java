package dev.corridor.archfixture.server;

import picocli.CommandLine;

/** Breaks picocli-only-in-cli: command-line parsing inside the test server. */
public final class PicocliInServer {
    public int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }
}

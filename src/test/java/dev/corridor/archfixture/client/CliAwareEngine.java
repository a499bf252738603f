package dev.corridor.archfixture.client;

import dev.corridor.archfixture.cli.PicocliConnectCommand;

/** Breaks engine-does-not-reach-up: the engine calls into the CLI. */
public final class CliAwareEngine {
    public void run() {
        new PicocliConnectCommand().run();
    }
}

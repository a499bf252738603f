package dev.corridor.archfixture.cli;

import dev.corridor.archfixture.auth.FixtureCredentials;
import dev.corridor.archfixture.client.FixtureVpnClient;
import dev.corridor.archfixture.logging.FixtureLog;
import dev.corridor.archfixture.net.FixtureRoutePlan;
import dev.corridor.archfixture.pki.FixtureCa;
import dev.corridor.archfixture.platform.FixtureDataFolder;
import dev.corridor.archfixture.profile.PlainProfile;
import dev.corridor.archfixture.server.FixtureServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Compliant: the CLI uses picocli and may use client, server, net, pki, profile, auth, platform and logging. */
@Command(name = "connect")
public final class PicocliConnectCommand implements Runnable {
    private final FixtureVpnClient client = new FixtureVpnClient();
    private FixtureServer server;
    private FixtureRoutePlan routes;
    private FixtureCa ca;
    private PlainProfile profile;
    private FixtureCredentials credentials;
    private FixtureDataFolder folder;
    private final FixtureLog log = new FixtureLog();

    @Override
    public void run() {
        log.format(client.connect() + server + routes + ca + profile + credentials + folder);
        new CommandLine(this).getCommandName();
    }
}

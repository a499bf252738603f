package dev.corridor.bench.connect;

import dev.corridor.auth.CredentialsSource;
import dev.corridor.client.ClientEngine;
import dev.corridor.client.ConnectOptions;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.HostTunProvider;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.profile.ParseResult;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Corridor's client inside this JVM, set up the way {@code corridor connect} does it (profile parsed from
 * the file, {@link HostTunProvider#forThisMachine}, {@link ClientEngine}): one {@link #connectOnce} is a
 * desktop user pressing Connect in a running app, from the press to the first ping answered through the tunnel.
 */
final class InJvmCorridorClient {
    /** Asks nothing: the bench profiles use certificates only. */
    static final CredentialsSource NO_PASSWORD = new CredentialsSource() {
        @Override
        public Optional<dev.corridor.auth.Credentials> credentials(String profileName,
                Optional<dev.corridor.profile.StaticChallenge> challenge, boolean retry) {
            return Optional.empty(); // the bench profiles use certificates only
        }

        @Override
        public Optional<char[]> challengeResponse(String text, boolean echo) {
            return Optional.empty();
        }
    };

    private final Path profileFile;
    private final Path dataFolder;
    private final PingProbe probe;

    InJvmCorridorClient(Path profileFile, Path dataFolder, PingProbe probe) {
        this.profileFile = profileFile;
        this.dataFolder = dataFolder;
        this.probe = probe;
    }

    /** Connects, waits for the first answered ping, disconnects and restores the network; the time to the answer. */
    long connectOnce() throws IOException, InterruptedException {
        long start = System.nanoTime();
        ParseResult parsed = ProfileParser.standard().parse(profileFile.toString(), Files.readAllBytes(profileFile),
                ReferencedFiles.inFolder(profileFile.toAbsolutePath().getParent()));
        Profile profile = parsed.profile().orElseThrow(() -> new IllegalStateException("the bench profile "
                + profileFile + " does not parse: " + parsed.diagnostics()));
        HostTunProvider tun = HostTunProvider.forThisMachine(profile.routing(), dataFolder, Ipv6LeakGuard.AUTO,
                line -> { });
        ConnectOptions options = new ConnectOptions(NO_PASSWORD, tun, 1, Duration.ofSeconds(30),
                System.getProperty("os.version", ""), Clock.systemUTC(), new SecureRandom());
        CompletableFuture<ConnectionEvent.Disconnected> ended = new CompletableFuture<>();
        StringBuilder phases = new StringBuilder();
        try (ClientEngine engine = new ClientEngine()) {
            engine.addListener(event -> {
                if (event instanceof ConnectionEvent.StateChanged changed) {
                    phases.append(' ').append(changed.state()).append(" +")
                            .append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                } else if (event instanceof ConnectionEvent.Disconnected disconnected) {
                    ended.complete(disconnected);
                }
            });
            engine.connect(profileFile.getFileName().toString(), profile, options);
            long answered = probe.awaitAnswer(start + TimeUnit.SECONDS.toNanos(60), () -> !ended.isDone());
            engine.disconnect();
            engine.awaitTermination(20, TimeUnit.SECONDS);
            if (answered < 0) {
                throw new IllegalStateException("no ping answered through the tunnel: "
                        + (ended.isDone() ? ended.join().reason() : "timed out"));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(answered - start);
            System.out.println("  in one JVM, phases (ms since the press):" + phases.substring(0,
                    phases.indexOf(" DISCONNECT") < 0 ? phases.length() : phases.indexOf(" DISCONNECT"))
                    + ", first ping answered +" + millis);
            return millis;
        } finally {
            tun.release();
        }
    }
}

package dev.corridor.ui;

import dev.corridor.auth.CredentialsSource;
import dev.corridor.client.ConnectOptions;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.ConnectionState;
import dev.corridor.client.TunnelStatistics;
import dev.corridor.client.VpnClient;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.profile.ParseResult;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileStoreException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's side of the engine: loads the profile and starts an engine off the FX thread, hands
 * the engine's events to the window on the FX thread, and samples the statistics once a second.
 *
 * <pre>
 *   FX thread            worker thread (corridor-ui-worker)          engine threads
 *   connect(name) ─────► load profile (disk), close the old engine,
 *                        new engine, engine.connect ───────────────► events ─► runLater ─► Listener.event
 *                        every second: statistics() ─► runLater ─► Listener.sample
 *   reopen(url) ───────► browser.open(url) ─► runLater ─► Listener.browserOpened
 *   disconnect() ──────────────────────────────────────────────────► engine.disconnect (returns at once)
 * </pre>
 *
 * Reconnecting follows the preferences ({@link #useReconnect}): the engine gets the attempt limit,
 * and when reconnecting is off a lost connection is not retried:
 *
 * <pre>
 *   engine: AttemptFailed(reason, willRetry=true) ─► (reconnect off) engine.disconnect(),
 *           the window hears AttemptFailed(reason, false); the RECONNECTING state is not passed on;
 *   engine: Disconnected(REQUESTED)               ─► the window hears Disconnected(reason, FAILED)
 * </pre>
 *
 * The IPv6 leak guard also follows the preferences ({@link #useIpv6LeakGuard}): each connect asks
 * {@link WindowSetup#tunnels()} for a TUN provider with the guard set at that moment; a running
 * connection (and its reconnects, which keep their provider) goes on with the guard it started with.
 */
final class ConnectionController {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionController.class);
    /** How often the engine measures the round trip to the tunnel gateway for the graph. */
    static final java.time.Duration ROUND_TRIP_EVERY = java.time.Duration.ofSeconds(2);

    /** What the window hears; every call arrives on the FX thread. */
    interface Listener {
        void event(ConnectionEvent event);

        void sample(TunnelStatistics statistics, Instant at);

        /** Connecting could not start, or ended in a way the events alone do not explain. */
        void failure(Function<Texts, String> sentence);

        /** The browser was asked to open the sign-in page again. */
        void browserOpened(String url, boolean opened);
    }

    private final WindowSetup setup;
    private final CredentialsSource credentials;
    private final Listener listener;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(body -> {
        Thread thread = new Thread(body, "corridor-ui-worker");
        thread.setDaemon(true);
        return thread;
    });
    private volatile VpnClient current;
    private volatile Reconnect reconnect = Reconnect.DEFAULT;
    private volatile Ipv6LeakGuard leakGuard = Ipv6LeakGuard.AUTO;
    /** Why the current engine was stopped instead of reconnecting (reconnect off); engine threads only. */
    private volatile String dropped;

    /**
     * How the window reconnects: {@code automatically} false gives up after the first failure
     * (also when an established connection is lost); otherwise after {@code maxAttempts} failed
     * attempts in a row, 0 meaning never.
     */
    record Reconnect(boolean automatically, int maxAttempts) {
        /** What the window did before preferences existed: keep trying. */
        static final Reconnect DEFAULT = new Reconnect(true, 0);

        Reconnect {
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
            }
        }

        /** The engine's {@link ConnectOptions#maxAttempts()}. */
        int engineAttempts() {
            return automatically ? maxAttempts : 1;
        }
    }

    ConnectionController(WindowSetup setup, CredentialsSource credentials, Listener listener) {
        this.setup = setup;
        this.credentials = credentials;
        this.listener = listener;
        worker.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** Applies to connections started from now on (and to losing the current one). */
    void useReconnect(Reconnect policy) {
        reconnect = java.util.Objects.requireNonNull(policy, "policy");
    }

    /** The IPv6 leak guard for connections started from now on. */
    void useIpv6LeakGuard(Ipv6LeakGuard guard) {
        leakGuard = java.util.Objects.requireNonNull(guard, "guard");
    }

    /** Loads {@code profileName} and starts connecting it. */
    void connect(String profileName) {
        worker.execute(() -> start(profileName));
    }

    /** Ends the connection; returns at once, the events report the end. */
    void disconnect() {
        VpnClient engine = current;
        if (engine != null) {
            engine.disconnect();
        }
    }

    /** Opens the sign-in page in the browser again. */
    void reopen(String url) {
        worker.execute(() -> {
            boolean opened = setup.saml().browser().open(url);
            Platform.runLater(() -> listener.browserOpened(url, opened));
        });
    }

    /** Disconnects and stops the worker; blocks up to a few seconds, so never call it on the FX thread. */
    void close() {
        worker.shutdownNow();
        VpnClient engine = current;
        if (engine != null) {
            engine.close();
        }
    }

    private void start(String profileName) {
        ParseResult loaded;
        try {
            loaded = setup.profiles().load(profileName);
        } catch (ProfileStoreException e) {
            fail(FailureText.profile(profileName, e.getMessage()));
            return;
        }
        if (loaded.profile().isEmpty()) {
            fail(FailureText.profile(profileName, loaded.errors().isEmpty() ? "it cannot be used"
                    : loaded.errors().get(0).format()));
            return;
        }
        Profile profile = loaded.profile().get();
        VpnClient previous = current;
        if (previous != null) {
            previous.close(); // the previous engine has ended; this waits for its thread
        }
        VpnClient engine = setup.engines().get();
        current = engine;
        dropped = null;
        engine.addListener(event -> relay(engine, event));
        ConnectOptions options = options(profile);
        try {
            engine.connect(profileName, profile, options);
        } catch (RuntimeException e) {
            LOG.warn("the engine did not start", e);
            fail(FailureText.unexpected(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** The options for one connection of {@code profile}, with the current reconnect policy and leak guard. */
    ConnectOptions options(Profile profile) {
        return new ConnectOptions(credentials, setup.tunnels().forConnect(profile, leakGuard),
                reconnect.engineAttempts(),
                setup.attemptTimeout(), System.getProperty("os.version", ""), Clock.systemUTC(), new SecureRandom(),
                setup.saml()).withRoundTripProbe(ROUND_TRIP_EVERY);
    }

    /**
     * What the window hears for an engine event: with reconnecting off, a retry becomes the end of
     * the connection (and the engine is told to stop); otherwise the event itself. Empty: nothing.
     */
    Optional<ConnectionEvent> translate(VpnClient engine, ConnectionEvent event) {
        if (!reconnect.automatically() && event instanceof ConnectionEvent.AttemptFailed failed
                && failed.willRetry()) {
            dropped = failed.reason();
            engine.disconnect();
            return Optional.of(new ConnectionEvent.AttemptFailed(failed.reason(), false));
        }
        if (dropped != null && event instanceof ConnectionEvent.StateChanged changed
                && changed.state() == ConnectionState.RECONNECTING) {
            return Optional.empty();
        }
        if (dropped != null && event instanceof ConnectionEvent.Disconnected ended && !ended.error()) {
            return Optional.of(new ConnectionEvent.Disconnected(dropped, ConnectionEvent.Ending.FAILED));
        }
        return Optional.of(event);
    }

    /** Passes an engine event to the window; a busy SAML port is explained with the process holding it. */
    private void relay(VpnClient engine, ConnectionEvent original) {
        Optional<ConnectionEvent> translated = translate(engine, original);
        if (translated.isEmpty()) {
            return;
        }
        ConnectionEvent event = translated.get();
        Platform.runLater(() -> {
            if (current == engine) {
                listener.event(event);
            }
        });
        if (event instanceof ConnectionEvent.Disconnected ended && FailureText.isBusyPort(ended.reason())) {
            int port = setup.saml().acs().port();
            worker.execute(() -> {
                Optional<String> holder = setup.portHolders().describe(port);
                fail(FailureText.busyPort(port, holder));
            });
        }
    }

    private void sample() {
        VpnClient engine = current;
        if (engine == null || engine.state() != ConnectionState.CONNECTED) {
            return;
        }
        TunnelStatistics statistics = engine.statistics();
        Instant at = Instant.now();
        Platform.runLater(() -> {
            if (current == engine) {
                listener.sample(statistics, at);
            }
        });
    }

    private void fail(Function<Texts, String> sentence) {
        Platform.runLater(() -> listener.failure(sentence));
    }
}

package dev.corridor.client;

import dev.corridor.auth.Credentials;
import dev.corridor.profile.Authentication;
import dev.corridor.profile.Profile;
import dev.corridor.profile.Remote;
import dev.corridor.protocol.session.ClientSessionConfig;
import dev.corridor.protocol.tls.PreparedTlsClient;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corridor's {@link VpnClient}: runs connection attempts one after another on an engine thread,
 * walking the profile's remotes, waiting between attempts, asking for credentials, and answering
 * challenges, until connected and then until the connection ends for good.
 *
 * <pre>
 *   credentials? ─► [ resolve remote ─► Attempt.run() ] ─┬─ Stopped / Halted / fatal ─► DISCONNECTED
 *                         ▲                              ├─ AuthFailed ─► auth-retry: ask again / same / stop
 *                         └──── wait (connect-retry) ◄───┼─ Failed / TryLater ─► RECONNECTING
 *                                                        └─ Challenge (CRV1) ─► ask ─► same remote at once
 *
 *   auth-federate (protocol.md §7.2), see federatedLoop:
 *   bind ACS ─► resolve once, pin ─► [N/A, ACS::port] ─► CRV1 ─► browser ─► SAMLResponse
 *        ▲                                              ─► [N/A, CRV1::state::resp] same address ─► CONNECTED
 *        └── token refused (AUTH_FAILED after connecting or on an auth-token) ◄── reconnects use the token
 *   CRV1 answer or ACS request refused ─► stop (no loop); busy port ─► stop, nothing started
 * </pre>
 */
public final class ClientEngine implements VpnClient {
    private static final Logger LOG = LoggerFactory.getLogger(ClientEngine.class);
    /** connect-retry doubles after this many failed attempts in a row (OpenVPN 2.6). */
    private static final int RETRIES_BEFORE_BACKOFF = 5;

    private final List<Consumer<ConnectionEvent>> listeners = new CopyOnWriteArrayList<>();
    private final EngineStatus status = new EngineStatus(this::publish);
    private final Object lock = new Object();
    private Thread engine;
    private volatile Attempt current;
    private volatile FederatedSignIn signIn;
    private volatile boolean stopRequested;
    private volatile CountDownLatch waiting = new CountDownLatch(0);
    private volatile boolean haltedByServer;

    @Override
    public void connect(String profileName, Profile profile, ConnectOptions options) {
        synchronized (lock) {
            if (engine != null && engine.isAlive()) {
                throw new IllegalStateException("already connecting or connected; disconnect first");
            }
            stopRequested = false;
            engine = new Thread(() -> run(profileName, profile, options), "corridor-engine-" + profileName);
            engine.setDaemon(true);
            engine.start();
        }
    }

    @Override
    public void disconnect() {
        stopRequested = true;
        waiting.countDown();
        Attempt attempt = current;
        if (attempt != null) {
            attempt.stop();
        }
        FederatedSignIn browser = signIn;
        if (browser != null) {
            browser.cancel();
        }
    }

    /** Waits until the engine thread has finished (after {@link #disconnect} or a final failure). */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        Thread thread;
        synchronized (lock) {
            thread = engine;
        }
        if (thread == null) {
            return true;
        }
        thread.join(unit.toMillis(timeout));
        return !thread.isAlive();
    }

    @Override
    public ConnectionState state() {
        return status.state();
    }

    @Override
    public TunnelStatistics statistics() {
        return status.snapshot();
    }

    @Override
    public void addListener(Consumer<ConnectionEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        disconnect();
        try {
            awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(ConnectionEvent event) {
        for (Consumer<ConnectionEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a connection listener failed: {}", e.toString());
            }
        }
    }

    private void run(String profileName, Profile profile, ConnectOptions options) {
        SessionCredentials credentials = new SessionCredentials();
        try {
            haltedByServer = false;
            // read, checked and converted once for every attempt and renegotiation of this connect
            PreparedTlsClient tls = PreparedTlsClient.prepare(profile.tls(), new char[0]);
            String ended = connectLoop(profileName, profile, options, credentials, tls);
            finish(options, ended, ended == null ? ConnectionEvent.Ending.REQUESTED
                    : haltedByServer ? ConnectionEvent.Ending.SERVER_HALT : ConnectionEvent.Ending.FAILED);
        } catch (RuntimeException e) {
            LOG.error("the connection engine failed", e);
            finish(options, "internal error: " + e, ConnectionEvent.Ending.FAILED);
        } finally {
            credentials.wipe();
        }
    }

    /** Releases the TUN device (and the host network with it) before anyone hears that the connection ended. */
    private void finish(ConnectOptions options, String reason, ConnectionEvent.Ending ending) {
        try {
            options.tun().release();
        } catch (RuntimeException e) {
            LOG.error("releasing the TUN device failed", e);
        }
        status.newAttempt();
        status.state(ConnectionState.DISCONNECTED, reason == null ? "disconnected" : reason);
        publish(new ConnectionEvent.Disconnected(reason == null ? "disconnected" : reason, ending));
    }

    /** Returns null after a requested disconnect, or the reason the connection ended otherwise. */
    private String connectLoop(String profileName, Profile profile, ConnectOptions options,
            SessionCredentials credentials, PreparedTlsClient tls) {
        Authentication auth = profile.authentication();
        if (auth.federated()) {
            return federatedLoop(profileName, profile, options, credentials, tls);
        }
        if (auth.userPass() && !ask(profileName, profile, options, credentials, false)) {
            return null;
        }
        List<Remote> remotes = new ArrayList<>(profile.remotes());
        if (profile.remoteSelection().random()) {
            Collections.shuffle(remotes, options.random());
        }
        int remoteIndex = 0;
        int failuresInRow = 0;
        int attempts = 0;
        boolean first = true;
        while (!stopRequested) {
            Remote remote = remotes.get(remoteIndex % remotes.size());
            status.newAttempt();
            status.state(first ? ConnectionState.RESOLVING : ConnectionState.RECONNECTING,
                    "resolving " + remote.host());
            first = false;
            attempts++;
            AttemptOutcome outcome;
            boolean wasConnected = false;
            try {
                InetSocketAddress address = RemoteResolver.resolve(remote, profile.remoteSelection().randomHostname(),
                        options.random());
                options.tun().connecting(address);
                ClientSessionConfig config = SessionFactory.config(profile, remote.transport(), options, tls);
                Attempt attempt = new Attempt(profileName, profile, remote, address, options, config, credentials,
                        status, this::publish);
                current = attempt;
                if (stopRequested) {
                    return null;
                }
                outcome = attempt.run();
                wasConnected = attempt.reachedConnected();
            } catch (UnknownHostException e) {
                outcome = new AttemptOutcome.Failed("cannot resolve " + remote.host() + ": " + e.getMessage(), false);
            } finally {
                current = null;
            }
            if (outcome instanceof AttemptOutcome.Stopped) {
                return null;
            }
            if (wasConnected) {
                attempts = 0; // limits count failed attempts in a row, as connect-retry-max does
                failuresInRow = 0;
            }
            if (outcome instanceof AttemptOutcome.Halted halted) {
                haltedByServer = true;
                return "the server ended the connection: " + halted.reason();
            }
            if (outcome instanceof AttemptOutcome.Challenge challenge) {
                status.state(ConnectionState.WAITING_FOR_USER, challenge.text());
                Optional<char[]> answer = options.credentials().challengeResponse(challenge.text(), challenge.echo());
                if (answer.isEmpty()) {
                    return null;
                }
                credentials.answerChallenge(challenge.username(), challenge.stateId(), answer.get());
                java.util.Arrays.fill(answer.get(), '\0');
                continue; // answer on the same remote at once
            }
            if (outcome instanceof AttemptOutcome.AuthFailed failed) {
                publish(new ConnectionEvent.AuthenticationFailed(failed.reason()));
                credentials.clearAuthToken();
                if (!auth.userPass()) {
                    return "the server refused the connection: " + failed.reason();
                }
                if (failed.sessionExpired() && credentials.hasPassword()) {
                    continue; // the token expired: sign in again with the password
                }
                switch (auth.retry()) {
                    case NONE -> {
                        return "authentication failed: " + failed.reason();
                    }
                    case INTERACT -> {
                        credentials.forgetPassword();
                        if (!ask(profileName, profile, options, credentials, true)) {
                            return null;
                        }
                    }
                    case NOINTERACT -> { }
                }
                continue;
            }
            String reason;
            long waitMillis;
            if (outcome instanceof AttemptOutcome.TryLater later) {
                reason = "the server asks to try again later: " + later.reason();
                waitMillis = later.backoffSeconds() * 1000L;
            } else {
                AttemptOutcome.Failed failed = (AttemptOutcome.Failed) outcome;
                if (failed.fatal()) {
                    return failed.reason();
                }
                reason = failed.reason();
                failuresInRow++;
                remoteIndex++;
                waitMillis = backoffMillis(profile, failuresInRow);
            }
            boolean retry = (options.maxAttempts() == 0 || attempts < options.maxAttempts())
                    && (profile.remoteSelection().connectRetryMax().isEmpty()
                        || attempts < profile.remoteSelection().connectRetryMax().getAsInt() * remotes.size());
            publish(new ConnectionEvent.AttemptFailed(reason, retry));
            LOG.warn("connection attempt {} failed: {}", attempts, reason);
            if (!retry) {
                return reason;
            }
            if (profile.authentication().noCache()) {
                credentials.forgetPassword();
                if (auth.userPass() && !ask(profileName, profile, options, credentials, false)) {
                    return null;
                }
            }
            status.state(ConnectionState.RECONNECTING, reason + "; retrying in " + waitMillis / 1000 + " s");
            if (!pause(waitMillis)) {
                return null;
            }
        }
        return null;
    }

    /**
     * The {@code auth-federate} flow: the ACS listener is bound and the remote resolved and pinned
     * before the first connection; the CRV1 answer goes to the same address. Only failed attempts
     * count against the attempt limit.
     */
    private String federatedLoop(String profileName, Profile profile, ConnectOptions options,
            SessionCredentials credentials, PreparedTlsClient tls) {
        List<Remote> remotes = new ArrayList<>(profile.remotes());
        if (profile.remoteSelection().random()) {
            Collections.shuffle(remotes, options.random());
        }
        FederatedSignIn browser = new FederatedSignIn(options.saml());
        signIn = browser;
        try {
            int remoteIndex = 0;
            int failuresInRow = 0;
            int failures = 0;
            InetSocketAddress pinned = null;
            boolean first = true;
            while (!stopRequested) {
                if (credentials.pending() == SessionCredentials.Pending.NOTHING
                        || credentials.pending() == SessionCredentials.Pending.PASSWORD) {
                    try {
                        credentials.setFederated(browser.bind()); // a fresh sign-in: N/A, ACS::<port>
                    } catch (dev.corridor.auth.saml.PortBusyException e) {
                        return e.getMessage();
                    }
                }
                Remote remote = remotes.get(remoteIndex % remotes.size());
                status.newAttempt();
                status.state(first ? ConnectionState.RESOLVING : ConnectionState.RECONNECTING,
                        pinned == null ? "resolving " + remote.host() : "to the same server " + pinned);
                first = false;
                SessionCredentials.Pending sent = credentials.pending();
                AttemptOutcome outcome;
                boolean wasConnected = false;
                try {
                    if (pinned == null) {
                        pinned = RemoteResolver.resolve(remote, profile.remoteSelection().randomHostname(),
                                options.random());
                    }
                    ClientSessionConfig config = SessionFactory.config(profile, remote.transport(), options, tls);
                    Attempt attempt = new Attempt(profileName, profile, remote, pinned, options, config, credentials,
                            status, this::publish);
                    current = attempt;
                    if (stopRequested) {
                        return null;
                    }
                    outcome = attempt.run();
                    wasConnected = attempt.reachedConnected();
                } catch (UnknownHostException e) {
                    outcome = new AttemptOutcome.Failed("cannot resolve " + remote.host() + ": " + e.getMessage(),
                            false);
                } finally {
                    current = null;
                }
                if (outcome instanceof AttemptOutcome.Stopped) {
                    return null;
                }
                if (wasConnected) {
                    failures = 0;
                    failuresInRow = 0;
                }
                if (outcome instanceof AttemptOutcome.Halted halted) {
                    return "the server ended the connection: " + halted.reason();
                }
                if (outcome instanceof AttemptOutcome.Challenge challenge) {
                    status.state(ConnectionState.WAITING_FOR_USER, "waiting for browser sign-in");
                    FederatedSignIn.Result result;
                    try {
                        result = browser.await(challenge.text(), this::publish);
                    } catch (dev.corridor.auth.saml.PortBusyException e) {
                        return e.getMessage();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                    if (result instanceof FederatedSignIn.Result.Answered answered) {
                        char[] answer = answered.encodedResponse().toCharArray();
                        credentials.answerChallenge("N/A", challenge.stateId(), answer);
                        java.util.Arrays.fill(answer, '\0');
                        continue; // the second connection, to the same pinned address
                    }
                    if (result instanceof FederatedSignIn.Result.TimedOut timedOut) {
                        return "no browser sign-in arrived within " + timedOut.waited().toSeconds() + " s";
                    }
                    return null; // cancelled: a disconnect was requested
                }
                if (outcome instanceof AttemptOutcome.AuthFailed failed) {
                    publish(new ConnectionEvent.AuthenticationFailed(failed.reason()));
                    boolean tokenRefused = wasConnected || sent == SessionCredentials.Pending.AUTH_TOKEN;
                    credentials.clearAuthToken();
                    if (tokenRefused) {
                        pinned = null; // the session is over: sign in again through the browser
                        continue;
                    }
                    return (sent == SessionCredentials.Pending.CHALLENGE_ANSWER
                            ? "the server refused the SAML sign-in: " : "the server refused the sign-in request: ")
                            + failed.reason();
                }
                String reason;
                long waitMillis;
                if (outcome instanceof AttemptOutcome.TryLater later) {
                    reason = "the server asks to try again later: " + later.reason();
                    waitMillis = later.backoffSeconds() * 1000L;
                } else {
                    AttemptOutcome.Failed failed = (AttemptOutcome.Failed) outcome;
                    if (failed.fatal()) {
                        return failed.reason();
                    }
                    reason = failed.reason();
                    failuresInRow++;
                    if (credentials.pending() != SessionCredentials.Pending.AUTH_TOKEN) {
                        remoteIndex++; // a fresh sign-in may go to the next remote
                        pinned = null;
                    }
                    waitMillis = backoffMillis(profile, failuresInRow);
                }
                failures++;
                boolean retry = (options.maxAttempts() == 0 || failures < options.maxAttempts())
                        && (profile.remoteSelection().connectRetryMax().isEmpty()
                            || failures < profile.remoteSelection().connectRetryMax().getAsInt() * remotes.size());
                publish(new ConnectionEvent.AttemptFailed(reason, retry));
                LOG.warn("connection attempt failed: {}", reason);
                if (!retry) {
                    return reason;
                }
                status.state(ConnectionState.RECONNECTING, reason + "; retrying in " + waitMillis / 1000 + " s");
                if (!pause(waitMillis)) {
                    return null;
                }
            }
            return null;
        } finally {
            signIn = null;
            browser.close();
        }
    }

    private boolean ask(String profileName, Profile profile, ConnectOptions options, SessionCredentials credentials,
            boolean retry) {
        status.state(ConnectionState.WAITING_FOR_USER, retry ? "credentials refused; asking again"
                : "asking for credentials");
        Optional<Credentials> typed = options.credentials().credentials(profileName,
                profile.authentication().staticChallenge(), retry);
        if (typed.isEmpty()) {
            return false;
        }
        try (Credentials c = typed.get()) {
            credentials.set(c, profile.authentication().staticChallenge());
        }
        return true;
    }

    private static long backoffMillis(Profile profile, int failuresInRow) {
        long base = Math.max(1, profile.remoteSelection().connectRetrySeconds()) * 1000L;
        long max = profile.remoteSelection().connectRetryMaxSeconds() * 1000L;
        int doublings = Math.max(0, failuresInRow - RETRIES_BEFORE_BACKOFF);
        long delay = base << Math.min(doublings, 16);
        return Math.min(delay, max);
    }

    /** Waits, returning false when a disconnect was requested meanwhile. */
    private boolean pause(long millis) {
        CountDownLatch latch = new CountDownLatch(1);
        waiting = latch;
        if (stopRequested) {
            return false;
        }
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopRequested;
    }
}

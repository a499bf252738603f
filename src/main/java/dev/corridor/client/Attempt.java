package dev.corridor.client;

import dev.corridor.profile.Profile;
import dev.corridor.profile.Remote;
import dev.corridor.profile.Transport;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.PushOptions;
import dev.corridor.protocol.message.PushOptionsParser;
import dev.corridor.protocol.message.PushParseResult;
import dev.corridor.protocol.message.PushReplyAssembler;
import dev.corridor.protocol.session.ClientControlSession;
import dev.corridor.protocol.session.ClientSessionConfig;
import dev.corridor.protocol.session.KeyDerivation;
import dev.corridor.protocol.session.SessionEvent;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.transport.PacketLink;
import dev.corridor.transport.TcpLink;
import dev.corridor.transport.UdpLink;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to connect to one resolved remote, and the life of that connection until it ends.
 * The calling thread becomes the session thread: it owns the control session, the timers and the
 * state; a network reader thread and, once connected, a TUN reader thread move packets.
 *
 * <pre>
 *   open link ─► reset/TLS/key-method 2 ─► PUSH_REQUEST (every 5 s) ─► PUSH_REPLY
 *     ─► keys installed, TUN attached ─► CONNECTED ─► pings, renegotiations ...
 *   ends on: disconnect, link error, ping-restart, AUTH_FAILED, RESTART, HALT, attempt timeout
 * </pre>
 */
final class Attempt {
    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);
    static final long PUSH_REQUEST_INTERVAL_MILLIS = 5_000;
    /** The longest the session thread sleeps without a packet or a timer (attempt timeout, silence checks). */
    static final long IDLE_WAKE_MILLIS = 1_000;
    /**
     * A server that refuses the client certificate after a TLS 1.3 handshake (revoked, unknown CA)
     * drops the session without sending its alert, so the client only sees silence; this long
     * without a packet after the handshake is reported as that refusal.
     */
    static final long SILENCE_AFTER_HANDSHAKE_MILLIS = 10_000;

    /** Work for the session thread. */
    private sealed interface Inbox {
        record Control(byte[] packet) implements Inbox {}
        record LinkClosed(String reason) implements Inbox {}
        record ServerExit() implements Inbox {}
        record Stop() implements Inbox {}
    }

    private final String profileName;
    private final Profile profile;
    private final InetSocketAddress address;
    private final Remote remote;
    private final ConnectOptions options;
    private final ClientSessionConfig sessionConfig;
    private final Consumer<ConnectionEvent> events;
    private final long idleWakeMillis;
    private final EngineStatus status;
    private final SessionCredentials credentials;
    private final BlockingQueue<Inbox> inbox = new LinkedBlockingQueue<>();
    private final PushReplyAssembler assembler = new PushReplyAssembler();
    private final List<Thread> threads = new ArrayList<>();
    private volatile PacketLink link;
    private volatile DataPlane dataPlane;
    private volatile long lastReceivedMillis;
    private ClientControlSession session;
    private TunnelSettings settings;
    private PushOptions pushed;
    private long startedMillis;
    private long lastPushRequestMillis = -1;
    private boolean pushRequested;
    private volatile boolean connected;
    private int renegotiations;
    private boolean ccExit;
    private boolean tlsEstablished;
    private long trafficAtLastActivity;
    private long lastActivityMillis;
    private boolean keysExchanged;
    private long lastProbeMillis;

    Attempt(String profileName, Profile profile, Remote remote, InetSocketAddress address, ConnectOptions options,
            ClientSessionConfig sessionConfig, SessionCredentials credentials, EngineStatus status,
            Consumer<ConnectionEvent> events) {
        this(profileName, profile, remote, address, options, sessionConfig, credentials, status, events,
                IDLE_WAKE_MILLIS);
    }

    /** As above, with the idle wake-up chosen (tests use a long one to show that nothing waits for it). */
    Attempt(String profileName, Profile profile, Remote remote, InetSocketAddress address, ConnectOptions options,
            ClientSessionConfig sessionConfig, SessionCredentials credentials, EngineStatus status,
            Consumer<ConnectionEvent> events, long idleWakeMillis) {
        this.idleWakeMillis = idleWakeMillis;
        this.profileName = profileName;
        this.profile = profile;
        this.remote = remote;
        this.address = address;
        this.options = options;
        this.sessionConfig = sessionConfig;
        this.credentials = credentials;
        this.status = status;
        this.events = events;
    }

    /** Asks the attempt to end; safe from any thread. */
    void stop() {
        inbox.add(new Inbox.Stop());
    }

    /** True once this attempt brought the tunnel up (a later failure is then a reconnect, not a retry). */
    boolean reachedConnected() {
        return connected;
    }

    /** Runs the attempt on the calling thread until it ends. */
    AttemptOutcome run() {
        startedMillis = options.clock().millis();
        try {
            status.state(ConnectionState.CONNECTING, remote.transport().wireName() + " " + address);
            try {
                link = remote.transport() == Transport.TCP
                        ? TcpLink.connect(address, (int) Math.min(serverPollMillis(), options.attemptTimeout().toMillis()))
                        : UdpLink.connect(address);
            } catch (IOException e) {
                return new AttemptOutcome.Failed("cannot reach " + address + ": " + e.getMessage(), false);
            }
            session = new ClientControlSession(sessionConfig);
            credentials.current().ifPresent(c -> {
                session.setCredentials(c.username(), c.password());
                java.util.Arrays.fill(c.password(), (char) 0);
            });
            startThread("corridor-net-reader", this::readNetwork);
            session.start(options.clock().millis());
            sendOutgoing();
            return loop();
        } finally {
            shutdown();
        }
    }

    private AttemptOutcome loop() {
        while (true) {
            long now = options.clock().millis();
            long wake = nextDeadline(now);
            Inbox item;
            try {
                item = inbox.poll(Math.max(1, wake - now), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new AttemptOutcome.Stopped();
            }
            now = options.clock().millis();
            if (item instanceof Inbox.Stop) {
                sayGoodbye();
                return new AttemptOutcome.Stopped();
            }
            if (item instanceof Inbox.LinkClosed closed) {
                return new AttemptOutcome.Failed(closed.reason(), false);
            }
            if (item instanceof Inbox.ServerExit) {
                return new AttemptOutcome.Failed("the server is shutting down or restarting", false);
            }
            if (item instanceof Inbox.Control control) {
                session.receive(control.packet(), now);
            }
            session.tick(now);
            Optional<AttemptOutcome> ended = handleEvents(now);
            sendOutgoing();
            if (ended.isPresent()) {
                return ended.get();
            }
            Optional<AttemptOutcome> timedOut = checkTimers(now);
            sendOutgoing();
            if (timedOut.isPresent()) {
                return timedOut.get();
            }
        }
    }

    private long nextDeadline(long now) {
        long next = now + idleWakeMillis;
        var wake = session.nextWakeup();
        if (wake.isPresent()) {
            next = Math.min(next, wake.getAsLong());
        }
        if (pushRequested && !connected) {
            next = Math.min(next, lastPushRequestMillis + PUSH_REQUEST_INTERVAL_MILLIS);
        }
        return next;
    }

    /**
     * Handles the session's events until it has none left. Handling one can raise more on the same
     * turn: a PUSH_REPLY decides the key derivation, which makes the data keys ready at once. Those
     * must not wait for the next packet or the idle wake-up (a server that says nothing after its
     * PUSH_REPLY, as OpenVPN 2.6 does when it pushes unasked, held CONNECTED back by up to a second).
     */
    private Optional<AttemptOutcome> handleEvents(long now) {
        List<SessionEvent> pending = session.drainEvents();
        while (!pending.isEmpty()) {
            Optional<AttemptOutcome> outcome = handle(pending, now);
            if (outcome.isPresent()) {
                return outcome;
            }
            pending = session.drainEvents();
        }
        return Optional.empty();
    }

    private Optional<AttemptOutcome> handle(List<SessionEvent> pending, long now) {
        for (SessionEvent event : pending) {
            if (event instanceof SessionEvent.PeerReached reached) {
                if (reached.keyId() == 0) {
                    status.state(ConnectionState.TLS_HANDSHAKE, "server answered");
                }
            } else if (event instanceof SessionEvent.TlsEstablished tls) {
                if (tls.keyId() == 0) {
                    tlsEstablished = true;
                    status.tls(tls.info().summary());
                    status.state(ConnectionState.AUTHENTICATING, tls.info().summary());
                }
            } else if (event instanceof SessionEvent.KeyExchangeComplete complete) {
                if (complete.keyId() == 0) {
                    keysExchanged = true;
                    status.state(ConnectionState.GETTING_CONFIGURATION, "requesting configuration");
                    requestPush(now);
                }
            } else if (event instanceof SessionEvent.DataKeysReady keys) {
                Optional<AttemptOutcome> problem = installKeys(keys, now);
                keys.key2().wipe();
                if (problem.isPresent()) {
                    return problem;
                }
            } else if (event instanceof SessionEvent.MessageReceived received) {
                Optional<AttemptOutcome> outcome = handleMessage(received.message(), now);
                if (outcome.isPresent()) {
                    return outcome;
                }
            } else if (event instanceof SessionEvent.RenegotiationStarted started) {
                LOG.info("renegotiating data keys (key {}, started by {})", started.keyId(),
                        started.byPeer() ? "the server" : "Corridor");
            } else if (event instanceof SessionEvent.KeyRetired retired) {
                if (dataPlane != null) {
                    dataPlane.forget(retired.keyId());
                }
            } else if (event instanceof SessionEvent.Failed failed) {
                return Optional.of(new AttemptOutcome.Failed(failed.message(),
                        failed.kind() == SessionEvent.FailureKind.TLS && !connected));
            }
        }
        return Optional.empty();
    }

    private void requestPush(long now) {
        if (session.send(new ControlMessage.PushRequest(), now)) {
            pushRequested = true;
            lastPushRequestMillis = now;
        }
    }

    private Optional<AttemptOutcome> handleMessage(ControlMessage message, long now) {
        if (message instanceof ControlMessage.PushReply part) {
            PushReplyAssembler.Assembly assembly = assembler.accept(part);
            if (assembly instanceof PushReplyAssembler.Assembly.Complete complete) {
                return applyPush(complete.options(), now);
            }
            if (assembly instanceof PushReplyAssembler.Assembly.TooLarge tooLarge) {
                return Optional.of(new AttemptOutcome.Failed("the server's configuration is too large: "
                        + tooLarge.reason(), true));
            }
        } else if (message instanceof ControlMessage.AuthFailed failed) {
            return Optional.of(authFailed(failed));
        } else if (message instanceof ControlMessage.Restart restart) {
            if (!restart.flags().contains(ControlMessage.SignalFlag.PRESERVE_CREDENTIALS)) {
                credentials.clearAuthToken(); // without P the server wants a fresh sign-in
            }
            return Optional.of(new AttemptOutcome.Failed("the server asked to reconnect"
                    + (restart.message().isBlank() ? "" : ": " + restart.message()), false));
        } else if (message instanceof ControlMessage.Halt halt) {
            return Optional.of(new AttemptOutcome.Halted(halt.message().isBlank()
                    ? "the server ended the session" : halt.message()));
        } else if (message instanceof ControlMessage.Exit) {
            return Optional.of(new AttemptOutcome.Failed("the server is shutting down or restarting", false));
        } else if (message instanceof ControlMessage.CrText challenge) {
            status.state(ConnectionState.WAITING_FOR_USER, "the server asks: " + challenge.challenge());
            Optional<char[]> answer = options.credentials().challengeResponse(challenge.challenge(),
                    challenge.flags().contains("E"));
            if (answer.isEmpty()) {
                return Optional.of(new AttemptOutcome.Stopped());
            }
            session.send(ControlMessage.CrResponse.forAnswer(new String(answer.get())), now);
            java.util.Arrays.fill(answer.get(), '\0');
            status.state(ConnectionState.GETTING_CONFIGURATION, "challenge answered");
        } else if (message instanceof ControlMessage.Info info) {
            events.accept(new ConnectionEvent.Banner(info.message()));
        } else if (message instanceof ControlMessage.InfoPre info) {
            events.accept(new ConnectionEvent.Banner(info.message()));
        } else if (message instanceof ControlMessage.AuthPending pending) {
            int seconds = pending.timeoutSeconds().orElse(60);
            LOG.info("the server is still authenticating (up to {} s)", seconds);
            startedMillis = Math.max(startedMillis, now + seconds * 1000L - options.attemptTimeout().toMillis());
        } else {
            LOG.debug("ignored control message {}", message.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    private AttemptOutcome authFailed(ControlMessage.AuthFailed failed) {
        ControlMessage.AuthFailed.Kind kind = failed.kind();
        if (kind instanceof ControlMessage.AuthFailed.Crv1 crv1) {
            return new AttemptOutcome.Challenge(crv1.stateId(), crv1.decodedUsername().orElse(""), failed.reason(),
                    crv1.echo());
        }
        if (kind instanceof ControlMessage.AuthFailed.Temp temp) {
            return new AttemptOutcome.TryLater(failed.reason(), temp.backoffSeconds().orElse(10));
        }
        return new AttemptOutcome.AuthFailed(failed.reason(), kind instanceof ControlMessage.AuthFailed.Session);
    }

    private Optional<AttemptOutcome> applyPush(List<String> options, long now) {
        if (dataPlane != null) {
            // A server may answer a late PUSH_REQUEST again; the tunnel is already configured.
            LOG.debug("ignored a repeated PUSH_REPLY");
            return Optional.empty();
        }
        PushParseResult parsed = PushOptionsParser.parse(options, profile.routing().pullFilters());
        if (parsed instanceof PushParseResult.Rejected rejected) {
            return Optional.of(new AttemptOutcome.Failed("the profile's pull-filter rejects the pushed option \""
                    + rejected.option() + "\"", true));
        }
        pushed = ((PushParseResult.Accepted) parsed).options();
        pushed.problems().forEach(p -> LOG.warn("pushed option not understood: {}", p));
        String cipherName = pushed.dataChannel().cipher()
                .or(() -> profile.dataChannel().fallbackCipher())
                .orElse(null);
        if (cipherName == null) {
            return Optional.of(new AttemptOutcome.Failed("the server did not negotiate a data cipher and the profile"
                    + " names none (add data-ciphers-fallback or cipher)", true));
        }
        Optional<DataCipher> cipher = DataCipher.forName(cipherName, profile.dataChannel().authDigest());
        if (cipher.isEmpty()) {
            return Optional.of(new AttemptOutcome.Failed("the server chose the cipher " + cipherName
                    + ", which Corridor does not support", true));
        }
        LOG.info("data cipher {}: {}", cipher.get().openVpnName(), cipher.get().implementation());
        CompressionFraming framing = pushedFraming(pushed).orElse(CompressionFraming.of(
                profile.dataChannel().compression()));
        ccExit = pushed.dataChannel().protocolFlags().contains(PushOptions.ProtocolFlag.CC_EXIT);
        boolean ekm = pushed.dataChannel().usesTlsEkm();
        try {
            settings = TunnelSettingsMapper.map(pushed, options, profile, cipher.get().openVpnName(), ekm ? "tls-ekm" : "prf",
                    this.options.clock().instant());
        } catch (IllegalArgumentException e) {
            return Optional.of(new AttemptOutcome.Failed(e.getMessage(), true));
        }
        pushed.session().authToken().ifPresent(token -> credentials.useAuthToken(
                pushed.session().authTokenUser(), token.reveal(), session));
        dataPlane = new DataPlane(link, cipher.get(), pushed.dataChannel().peerId(), framing, this.options.random(),
                this.options.clock(), mssClamp(cipher.get(), pushed.dataChannel().peerId().isPresent(), framing));
        status.dataPlane(dataPlane);
        session.decideKeyDerivation(ekm ? KeyDerivation.TLS_EKM : KeyDerivation.PRF, now);
        return Optional.empty();
    }

    /**
     * The {@code mssfix} clamp for this connection: over UDP from the profile's value and what sealing
     * adds (P_DATA_V2's 4-byte header or P_DATA_V1's 1, the cipher's overhead, a framing byte);
     * over TCP none, as the stream carries packets of any size without IP fragments.
     */
    private MssClamp mssClamp(DataCipher cipher, boolean dataV2, CompressionFraming framing) {
        if (remote.transport() == Transport.TCP) {
            return MssClamp.OFF;
        }
        int sealedOverhead = (dataV2 ? 4 : 1) + cipher.maxOverhead() + (framing == CompressionFraming.NONE ? 0 : 1);
        MssClamp clamp = MssClamp.forUdp(profile.dataChannel().mssfix(), profile.dataChannel().mssfixIncludesHeaders(),
                address.getAddress(), sealedOverhead);
        LOG.info("mssfix: TCP SYNs through the tunnel announce at most {} bytes (IPv4; 0 = not clamped)",
                clamp.ipv4Limit());
        return clamp;
    }

    private static Optional<CompressionFraming> pushedFraming(PushOptions pushed) {
        return pushed.dataChannel().compression().map(c -> {
            String argument = c.argument().orElse("").toLowerCase(Locale.ROOT);
            if (c.directive().equals("comp-lzo")) {
                return CompressionFraming.of(dev.corridor.profile.DataChannelSettings.Compression.LZO_NO);
            }
            return CompressionFraming.of(argument.equals("stub-v2") || argument.equals("lz4-v2")
                    ? dev.corridor.profile.DataChannelSettings.Compression.STUB_V2
                    : dev.corridor.profile.DataChannelSettings.Compression.STUB);
        });
    }

    private Optional<AttemptOutcome> installKeys(SessionEvent.DataKeysReady keys, long now) {
        DataPlane plane = dataPlane;
        if (plane == null) {
            return Optional.of(new AttemptOutcome.Failed("keys arrived before the configuration", false));
        }
        plane.install(keys.keyId(), keys.key2());
        if (connected) {
            renegotiations++;
            status.renegotiated();
            LOG.info("new data keys in use (key {}, {})", keys.keyId(), keys.derivation());
            return Optional.empty();
        }
        TunDevice tun;
        try {
            tun = options.tun().open(settings, address);
        } catch (IOException e) {
            return Optional.of(new AttemptOutcome.Failed("cannot set up the TUN device: " + e.getMessage(), true));
        }
        plane.attach(tun, settings.ipv6Address().isPresent());
        roundTripProbe().ifPresent(plane::probe);
        startThread("corridor-tun-reader", plane::runTunReader);
        connected = true;
        lastActivityMillis = now;
        status.connected(Instant.ofEpochMilli(now), now - startedMillis, settings.cipher());
        status.state(ConnectionState.CONNECTED, settings.ipv4Address() + " via " + remote.display());
        events.accept(new ConnectionEvent.Connected(settings));
        if (!settings.banner().isEmpty()) {
            events.accept(new ConnectionEvent.Banner(String.join("\n", settings.banner())));
        }
        return Optional.empty();
    }

    private Optional<AttemptOutcome> checkTimers(long now) {
        if (!connected) {
            if (lastReceivedMillis == 0 && now - startedMillis > serverPollMillis()) {
                return Optional.of(new AttemptOutcome.Failed("no answer from " + address + " within "
                        + serverPollMillis() / 1000 + " s (server-poll-timeout)", false));
            }
            if (tlsEstablished && !keysExchanged && now - lastReceivedMillis > SILENCE_AFTER_HANDSHAKE_MILLIS) {
                return Optional.of(new AttemptOutcome.Failed("the server completed the TLS handshake and then"
                        + " stopped answering: it most likely refused this client's certificate (revoked, expired or"
                        + " issued by another CA); the server's log says which", true));
            }
            if (now - startedMillis > options.attemptTimeout().toMillis()) {
                String where = pushRequested ? "the server sent no configuration"
                        : lastReceivedMillis == 0 ? "no answer from " + address
                        : "the handshake did not complete";
                return Optional.of(new AttemptOutcome.Failed(where + " within "
                        + options.attemptTimeout().toSeconds() + " s", false));
            }
            if (pushRequested && now - lastPushRequestMillis >= PUSH_REQUEST_INTERVAL_MILLIS) {
                requestPush(now);
            }
            return Optional.empty();
        }
        if (settings.pingSeconds() > 0 && now - dataPlane.lastSentMillis >= settings.pingSeconds() * 1000L) {
            try {
                dataPlane.sendPing();
            } catch (IOException e) {
                return Optional.of(new AttemptOutcome.Failed("cannot send to the server: " + e.getMessage(), false));
            }
        }
        long probeEvery = options.roundTripProbe().toMillis();
        if (probeEvery > 0 && dataPlane.probe() != null && now - lastProbeMillis >= probeEvery) {
            lastProbeMillis = now;
            try {
                dataPlane.sendProbe();
            } catch (IOException e) {
                return Optional.of(new AttemptOutcome.Failed("cannot send to the server: " + e.getMessage(), false));
            }
        }
        if (settings.pingRestartSeconds() > 0 && now - lastReceivedMillis > settings.pingRestartSeconds() * 1000L) {
            return Optional.of(new AttemptOutcome.Failed("nothing heard from the server for "
                    + settings.pingRestartSeconds() + " s (ping-restart)", false));
        }
        int inactive = pushed.timers().inactive().map(PushOptions.Inactive::seconds)
                .orElse(profile.timers().inactive());
        if (inactive > 0) {
            long traffic = dataPlane.bytesIn.sum() + dataPlane.bytesOut.sum();
            long minimum = pushed.timers().inactive().flatMap(i -> i.bytes().isPresent()
                    ? java.util.Optional.of(i.bytes().getAsLong()) : java.util.Optional.empty())
                    .orElse(profile.timers().inactiveBytes());
            if (traffic - trafficAtLastActivity > minimum) {
                trafficAtLastActivity = traffic;
                lastActivityMillis = now;
            } else if (now - lastActivityMillis >= inactive * 1000L) {
                return Optional.of(new AttemptOutcome.Failed("disconnected after " + inactive
                        + " s without tunnel traffic (inactive)", true));
            }
        }
        if (dataPlane.renegotiationDue()) {
            session.renegotiate(now);
        }
        return Optional.empty();
    }

    /**
     * The round-trip probe for this tunnel when the options ask for one and the tunnel has an IPv4
     * gateway to ask (the server's tunnel address; net30/p2p: the peer).
     */
    private Optional<RoundTripProbe> roundTripProbe() {
        if (options.roundTripProbe().isZero() || settings.gateway().isEmpty()) {
            return Optional.empty();
        }
        try {
            java.net.InetAddress source = java.net.InetAddress.getByName(settings.ipv4Address());
            java.net.InetAddress gateway = java.net.InetAddress.getByName(settings.gateway().get());
            if (source instanceof java.net.Inet4Address from && gateway instanceof java.net.Inet4Address to) {
                return Optional.of(new RoundTripProbe(from, to, options.random().nextInt(0x10000)));
            }
        } catch (java.net.UnknownHostException e) {
            LOG.debug("no round-trip probe: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** How long to wait for the server's first answer: the profile's {@code server-poll-timeout}. */
    private long serverPollMillis() {
        return profile.remoteSelection().serverPollTimeoutSeconds() * 1000L;
    }

    /** Tells the server we are leaving, when there is a way to. */
    private void sayGoodbye() {
        if (!connected) {
            return;
        }
        long now = options.clock().millis();
        try {
            if (ccExit) {
                session.send(new ControlMessage.Exit(), now);
                sendOutgoing();
            } else if (!link.stream() && profile.timers().explicitExitNotify() > 0) {
                dataPlane.sendExitNotification();
            }
        } catch (IOException e) {
            LOG.debug("could not notify the server of the disconnect: {}", e.getMessage());
        }
    }

    private void sendOutgoing() {
        for (byte[] packet : session.drainOutgoing()) {
            try {
                link.send(ByteBuffer.wrap(packet));
            } catch (IOException e) {
                inbox.add(new Inbox.LinkClosed("cannot send to " + address + ": " + e.getMessage()));
                return;
            }
        }
    }

    /** The network reader loop: data packets are opened here, control packets go to the session thread. */
    private void readNetwork() {
        ByteBuffer buffer = ByteBuffer.allocate(DataPlane.BUFFER_BYTES);
        byte[] out = new byte[DataPlane.BUFFER_BYTES];
        try {
            while (true) {
                int length = link.receive(buffer);
                if (length < 0) {
                    inbox.add(new Inbox.LinkClosed("the connection to " + address + " closed"));
                    return;
                }
                if (length == 0) {
                    continue;
                }
                lastReceivedMillis = options.clock().millis();
                status.received(lastReceivedMillis);
                int opcode = (buffer.get(0) & 0xff) >>> 3;
                if (opcode == Opcode.DATA_V1.value() || opcode == Opcode.DATA_V2.value()) {
                    DataPlane plane = dataPlane;
                    if (plane != null && plane.ready()) {
                        PayloadKind kind = plane.openAndDeliver(buffer.array(), length, out);
                        if (kind == PayloadKind.OCC_EXIT) {
                            inbox.add(new Inbox.ServerExit());
                        }
                    }
                } else {
                    byte[] copy = new byte[length];
                    buffer.get(0, copy, 0, length);
                    inbox.add(new Inbox.Control(copy));
                }
            }
        } catch (IOException e) {
            inbox.add(new Inbox.LinkClosed("network error: " + e.getMessage()));
        }
    }

    private void startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name + "-" + profileName);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void shutdown() {
        if (dataPlane != null) {
            dataPlane.stop();
        }
        if (link != null) {
            link.close();
        }
        if (session != null) {
            session.close();
        }
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

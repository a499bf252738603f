package dev.corridor.server;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.data.DataChannelOpener;
import dev.corridor.protocol.keys.OccOptionsString;
import dev.corridor.protocol.keys.PeerInfo;
import dev.corridor.protocol.keys.PeerInfoParse;
import dev.corridor.protocol.keys.ProtocolCapability;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.reliable.ReliableSettings;
import dev.corridor.protocol.session.KeyDerivation;
import dev.corridor.protocol.session.ServerControlSession;
import dev.corridor.protocol.session.ServerSessionConfig;
import dev.corridor.protocol.session.ServerSessionEvent;
import dev.corridor.protocol.tls.TlsSessionInfo;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.handler.ConnectAuthorizer;
import dev.corridor.server.handler.ConnectFailureReason;
import dev.corridor.server.handler.ConnectOutcome;
import dev.corridor.server.handler.ConnectRequest;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.TransportProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The test endpoint serving clients over UDP or TCP: many clients at once, each with its own control
 * session, a tunnel address from the client CIDR and data keys, behind an in-process
 * {@link VirtualNetwork}.
 *
 * <pre>
 *   reader thread(s): transport ───────┬─ data (P_DATA_V1/V2) ─► client by address ─► opener[key id]
 *                                      │     ping ─► last heard; OCC EXIT ─► event loop
 *                                      │     IP ─► VirtualNetwork ─► answered? seal + send back
 *                                      └─ control ─► event loop inbox
 *   event loop thread: inbox + timers ─► (address, client session id) ─► ServerControlSession
 *                      open / receive / tick ─► events ─► judge, accept|reject, PUSH_REPLY,
 *                      keys (volatile KeySet per client), keepalive pings, ping-restart, EXIT
 * </pre>
 *
 * Every {@link ServerControlSession} is touched by the event loop thread only. Lines for the
 * operator (connect, refuse, disconnect) go to the {@code log} consumer. An unexpected exception
 * while serving one session (event loop or data path) ends that session with a logged {@code error}
 * line and a RESTART; the threads and every other session carry on.
 *
 * <p>The port comes from the configuration (443 or 1194, as the guide allows) unless a port
 * override is given: tests and unprivileged demos pass one (0 picks a free port).
 */
public final class EndpointServer implements AutoCloseable {
    /** Where the server listens unless told otherwise. */
    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";
    /** New sessions allowed per source IP address at once (half-open and connected). */
    static final int MAX_SESSIONS_PER_SOURCE = 32;
    /** What AUTH_FAILED says when an auth-token is unknown or past the session's maximum duration. */
    static final String SESSION_EXPIRED = "SESSION:the session has expired; sign in again";
    /** How long a dismissed client has to receive the RESTART / HALT before its connection ends. */
    private static final long DISMISS_LINGER_MILLIS = 2_000;
    private static final long TOKEN_SWEEP_MILLIS = 60_000;
    /** How many identities' last addresses are remembered. */
    private static final int REMEMBERED_ADDRESSES = 4096;
    /** Threads that check passwords (PBKDF2) and TOTP codes off the event loop. */
    private static final int JUDGE_THREADS = 2;
    private static final long LOOP_MAX_WAIT_MILLIS = 250;

    /** What the event loop keeps about a key-method-2 request while its credentials are judged. */
    private record Judging(int keyId, String username, Optional<String> certificateCn, PeerInfo peerInfo) {}

    /** Work for the event loop thread. */
    private sealed interface Inbox {
        record Control(InetSocketAddress from, byte[] packet) implements Inbox {}
        record ClientExit(ClientConnection connection) implements Inbox {}
        record PathClosed(InetSocketAddress from) implements Inbox {}
        record Judged(ClientConnection connection, Judging judging, ClientVerdict verdict) implements Inbox {}
        record HandlerDecided(ClientConnection connection, Judging judging, ClientVerdict.Admitted admitted,
                OptionalLong tokenExpiry, String cipher, ConnectOutcome outcome) implements Inbox {}
        record Call(Runnable work) implements Inbox {}
        /** A reader thread failed handling one of the session's data packets. */
        record DataFailed(ClientConnection connection, RuntimeException error) implements Inbox {}
        record Stop() implements Inbox {}
    }

    private final Path configFolder;
    private volatile EndpointConfig config;
    private final InetSocketAddress bind;
    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<String> log;
    private volatile EndpointSecurity security;
    private volatile Optional<ConnectAuthorizer> authorizer;
    private final ConnectionReporting reporting;
    private final AddressPool pool;
    private volatile EndpointNetwork network;
    private final Optional<String> tunDevice;
    private ServerTun serverTun;
    private final BlockingDeque<Inbox> inbox = new LinkedBlockingDeque<>();
    private final AuthTokens tokens;
    private final java.util.concurrent.ExecutorService judges = java.util.concurrent.Executors.newFixedThreadPool(
            JUDGE_THREADS, daemonThreads("corridor-server-judge"));
    private final Map<ClientConnection.SessionKey, ClientConnection> sessions = new HashMap<>();
    /** How many sessions each source address holds (event loop only), for the per-source limit. */
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private final Map<InetSocketAddress, ClientConnection> dataByAddress = new ConcurrentHashMap<>();
    private final Map<Ipv4Address, ClientConnection> byTunnelAddress = new ConcurrentHashMap<>();
    /** The address each identity had last, so a client that comes back gets it again (event loop only). */
    private final Map<String, Ipv4Address> lastAddress = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ipv4Address> eldest) {
            return size() > REMEMBERED_ADDRESSES;
        }
    };
    private final Map<PacketVerdict, LongAdder> verdicts = new EnumMap<>(PacketVerdict.class);
    private final LongAdder droppedData = new LongAdder();
    private final LongAdder droppedControl = new LongAdder();
    private final LongAdder undeliverable = new LongAdder();
    private final AtomicInteger activeCount = new AtomicInteger();
    private final AtomicInteger authenticationFailures = new AtomicInteger();
    private long lastTokenSweepMillis;
    private int nextPeerId;
    private long nextConnectionNumber = 1;
    private ServerTransport transport;
    private Thread loop;
    private volatile boolean running;
    /** Run once, on the event loop, when the first client's hard reset opens a session; then cleared. */
    private final java.util.concurrent.atomic.AtomicReference<Runnable> atFirstClient =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param config       the endpoint
     * @param configFolder the folder of {@code endpoint.json} (relative paths)
     * @param listen       the address to bind, e.g. 127.0.0.1
     * @param portOverride a port instead of the configured one (0: any free port), for tests and demos
     * @param clock        time for sessions and TOTP codes
     * @param random       randomness for sessions and keys
     * @param log          receives one line per connect, refusal and disconnect
     */
    public EndpointServer(EndpointConfig config, Path configFolder, InetAddress listen, Optional<Integer> portOverride,
            Clock clock, SecureRandom random, Consumer<String> log) throws ServerSetupException {
        this(config, configFolder, listen, portOverride, Optional.empty(), clock, random, log);
    }

    /**
     * A server that forwards through a TUN device of its own (root, Linux) instead of answering from
     * the in-process virtual network.
     *
     * @param tunDevice empty for the virtual network; otherwise the TUN device name wanted ("" lets the
     *                  kernel choose), created at {@link #start} with forwarding and source NAT
     */
    public EndpointServer(EndpointConfig config, Path configFolder, InetAddress listen, Optional<Integer> portOverride,
            Optional<String> tunDevice, Clock clock, SecureRandom random, Consumer<String> log)
            throws ServerSetupException {
        this.tunDevice = tunDevice;
        this.config = config;
        this.configFolder = configFolder;
        this.bind = new InetSocketAddress(listen, portOverride.orElse(config.port()));
        this.clock = clock;
        this.random = random;
        this.log = log;
        this.security = EndpointSecurity.load(config, configFolder, clock);
        this.authorizer = authorizer(config, configFolder);
        this.reporting = ConnectionReporting.open(config, configFolder, clock, activeCount::get,
                () -> security.tls().crls());
        this.pool = new AddressPool(config.clientCidr());
        this.tokens = new AuthTokens(random);
        this.network = network(config);
        for (PacketVerdict verdict : PacketVerdict.values()) {
            verdicts.put(verdict, new LongAdder());
        }
    }

    private static Optional<ConnectAuthorizer> authorizer(EndpointConfig config, Path configFolder)
            throws ServerSetupException {
        if (!config.clientConnectHandler().enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConnectAuthorizer.forConfig(config.clientConnectHandler(), configFolder));
        } catch (IllegalArgumentException e) {
            throw new ServerSetupException("clientConnectHandler: " + e.getMessage());
        }
    }

    private EndpointNetwork network(EndpointConfig endpoint) {
        if (serverTun != null) {
            return new TunNetwork(serverTun::write, pool.serverAddress(),
                    new AccessPolicy(endpoint.authorizationRules()), endpoint.clientCidr(), endpoint.clientToClient());
        }
        return new VirtualNetwork(pool.serverAddress(), endpoint.routes(),
                new AccessPolicy(endpoint.authorizationRules()),
                endpoint.clientToClient() ? Optional.of(endpoint.clientCidr()) : Optional.empty(),
                endpoint.dnsServers());
    }

    /** The server's TUN device name in TUN mode. */
    public Optional<String> tunName() {
        return Optional.ofNullable(serverTun).map(ServerTun::name);
    }

    /** Binds the socket and starts the receiver and event loop threads. */
    public synchronized void start() throws IOException, ServerSetupException {
        if (transport != null) {
            throw new IllegalStateException("already started");
        }
        if (tunDevice.isPresent()) {
            serverTun = ServerTun.open(tunDevice.get(), pool.serverAddress(), config.clientCidr(),
                    new dev.corridor.net.os.SystemCommandRunner());
            network = network(config);
            serverTun.start(this::fromTun);
        }
        transport = config.transport() == TransportProtocol.TCP
                ? new TcpServerTransport(bind, MAX_SESSIONS_PER_SOURCE, clock)
                : new UdpServerTransport(bind);
        try {
            reporting.start();
            transport.start(new ServerTransport.Receiver() {
                @Override
                public void packet(InetSocketAddress from, byte[] packet, int length,
                        ServerTransport.ReceiveBuffers b) {
                    received(from, packet, length, b);
                }

                @Override
                public void closed(InetSocketAddress from) {
                    inbox.add(new Inbox.PathClosed(from));
                }
            });
        } catch (IOException | RuntimeException e) {
            transport.close();
            reporting.close();
            if (serverTun != null) {
                serverTun.close(); // nothing of TUN mode stays behind when the port is taken
            }
            throw e;
        }
        running = true;
        loop = new Thread(this::runLoop, "corridor-server-loop");
        loop.setDaemon(true);
        loop.start();
    }

    /**
     * Runs {@code action} once, on the event loop, when the first client's hard reset opens a session
     * (not for packets that are dropped): e.g. ends a handshake rehearsal so that the real handshake
     * gets the cores. It must return at once. Replaces an action set before that has not run yet.
     */
    public void atFirstClient(Runnable action) {
        atFirstClient.set(java.util.Objects.requireNonNull(action, "action"));
    }

    /** The bound address (with the actual port). */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** The server's own tunnel address (route-gateway). */
    public Ipv4Address tunnelAddress() {
        return pool.serverAddress();
    }

    /** Connected clients. */
    public int activeConnections() {
        return activeCount.get();
    }

    /** The endpoint's metrics (also served in Prometheus text format when configured). */
    public dev.corridor.server.metrics.EndpointMetrics metrics() {
        return reporting.metrics();
    }

    /** Where the metrics endpoint listens, when it runs. */
    public Optional<InetSocketAddress> metricsAddress() {
        return reporting.metricsAddress();
    }

    /** Clients refused at authentication since start. */
    public int authenticationFailures() {
        return authenticationFailures.get();
    }

    /** How many client packets the virtual network handled with {@code verdict}. */
    public long packets(PacketVerdict verdict) {
        return verdicts.get(verdict).sum();
    }

    /** Data packets that could not be opened (unknown client, bad key, replay, forgery). */
    public long droppedDataPackets() {
        return droppedData.sum();
    }

    /** Packets the kernel sent toward the client CIDR for which no client is connected (TUN mode). */
    public long undeliverablePackets() {
        return undeliverable.sum();
    }

    /** Control packets dropped before reaching a session (unknown session, refused open, limits). */
    public long droppedControlPackets() {
        return droppedControl.sum();
    }

    /** Tells connected clients the server is going away, then stops both threads and closes the socket. */
    public void stop() {
        Thread loopThread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            loopThread = loop;
        }
        inbox.add(new Inbox.Stop());
        join(loopThread);
        judges.shutdownNow();
        if (serverTun != null) {
            serverTun.close();
        }
        authorizer.ifPresent(ConnectAuthorizer::close);
        reporting.close();
        transport.close();
    }

    @Override
    public void close() {
        stop();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------- administration

    /** The connected clients, oldest first. */
    public List<ConnectionSummary> connections() {
        return onLoop(() -> {
            List<ConnectionSummary> list = new ArrayList<>();
            for (ClientConnection connection : sessions.values()) {
                if (connection.connected && !connection.ending) {
                    list.add(summary(connection));
                }
            }
            list.sort(java.util.Comparator.comparing(ConnectionSummary::connectedSince));
            return list;
        });
    }

    private ConnectionSummary summary(ClientConnection connection) {
        dev.corridor.server.log.TrafficCounters traffic = connection.traffic.snapshot();
        return new ConnectionSummary(connection.id, connection.identity, connection.groups,
                connection.remote().getAddress().getHostAddress(), connection.remote().getPort(),
                connection.address.map(Object::toString).orElse("NA"),
                java.time.Instant.ofEpochMilli(connection.connectedAtMillis),
                java.time.Instant.ofEpochMilli(connection.deadlineMillis),
                connection.peerInfo.platform().orElse("NA"), connection.peerInfo.get("IV_PLAT_VER").orElse("NA"),
                connection.peerInfo.version().orElse("NA"), traffic.ingressBytes(), traffic.egressBytes(),
                traffic.ingressPackets(), traffic.egressPackets());
    }

    /**
     * Ends a client's connection as the administrator asked: the client hears HALT (do not
     * reconnect) and its auth-token stops working. False when no such connection exists.
     */
    public boolean terminate(String connectionId) {
        return terminate(connectionId, false);
    }

    /**
     * Ends a client's connection; with {@code reconnect} the client hears RESTART with the P flag
     * instead and may come back at once with its auth-token (a test aid: AWS only terminates).
     */
    public boolean terminate(String connectionId, boolean reconnect) {
        return onLoop(() -> {
            for (ClientConnection connection : sessions.values()) {
                if (connection.id.equals(connectionId) && connection.connected && connection.dismissal == null
                        && !connection.ending) {
                    if (reconnect) {
                        dismiss(connection, new ControlMessage.Restart(
                                Set.of(ControlMessage.SignalFlag.PRESERVE_CREDENTIALS),
                                "the administrator asked this client to reconnect"),
                                "asked to reconnect by the administrator", clock.millis(), false);
                    } else {
                        dismiss(connection, new ControlMessage.Halt(Set.of(),
                                "the administrator ended this connection"), "terminated by the administrator",
                                clock.millis(), true);
                    }
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Applies a changed configuration: new sessions use it at once; connected clients whose pushed
     * settings changed (DNS servers, split tunnel, routes with split tunnel on) are told to reconnect
     * keeping their auth-token; authorization rules and client-to-client apply to their next packet;
     * clients whose certificate the new CRL revokes are disconnected for good; a lowered maximum
     * session duration ends sessions already older than it. The client CIDR, transport, port and
     * authentication type cannot change while running.
     *
     * @throws ServerSetupException when the new configuration cannot be loaded or changes what needs a restart
     */
    public ReloadReport reload(EndpointConfig next) throws ServerSetupException {
        EndpointConfig current = config;
        List<String> restart = new ArrayList<>();
        if (!next.clientCidr().equals(current.clientCidr())) {
            restart.add("the client CIDR");
        }
        if (next.transport() != current.transport() || next.port() != current.port()) {
            restart.add("the transport or port");
        }
        if (!next.authentication().getClass().equals(current.authentication().getClass())) {
            restart.add("the authentication type");
        }
        if (!restart.isEmpty()) {
            throw new ServerSetupException("changing " + String.join(", ", restart)
                    + " needs a server restart; nothing was reloaded");
        }
        EndpointSecurity nextSecurity = EndpointSecurity.load(next, configFolder, clock);
        boolean handlerChanged = !next.clientConnectHandler().equals(current.clientConnectHandler());
        Optional<ConnectAuthorizer> nextAuthorizer = handlerChanged ? authorizer(next, configFolder) : authorizer;
        ReloadReport report = onLoop(() -> applyReload(current, next, nextSecurity, clock.millis()));
        if (handlerChanged) {
            Optional<ConnectAuthorizer> previous = authorizer;
            authorizer = nextAuthorizer;
            previous.ifPresent(ConnectAuthorizer::close);
        }
        return report;
    }

    private ReloadReport applyReload(EndpointConfig current, EndpointConfig next, EndpointSecurity nextSecurity,
            long now) {
        List<String> changes = new ArrayList<>();
        boolean pushChanged = false;
        if (!next.routes().equals(current.routes())) {
            changes.add("routes");
            // the guide: "When split-tunnel mode is enabled, any modification to the Client VPN endpoint
            // route table will result in all client connections being reset"; in full tunnel no route is
            // pushed, and the virtual network follows the new table at once
            pushChanged |= next.splitTunnel();
        }
        if (next.splitTunnel() != current.splitTunnel()) {
            changes.add("split tunnel");
            pushChanged = true;
        }
        if (!next.dnsServers().equals(current.dnsServers())) {
            // the API reference (ModifyClientVpnEndpoint): "Modifying the DNS server resets existing client connections"
            changes.add("DNS servers");
            pushChanged = true;
        }
        if (!next.authorizationRules().equals(current.authorizationRules())) {
            changes.add("authorization rules");
        }
        if (next.clientToClient() != current.clientToClient()) {
            changes.add("client-to-client");
        }
        if (!next.crlFile().equals(current.crlFile()) || !nextSecurity.tls().crls().equals(security.tls().crls())) {
            changes.add("certificate revocation list");
        }
        if (next.maxSessionHours() != current.maxSessionHours()) {
            changes.add("maximum session duration");
        }
        if (!next.loginBanner().equals(current.loginBanner())) {
            changes.add("login banner");
        }
        if (!next.clientConnectHandler().equals(current.clientConnectHandler())) {
            changes.add("client connect handler");
        }
        config = next;
        security = nextSecurity;
        network = network(next);
        int reset = 0;
        int terminated = 0;
        for (ClientConnection connection : List.copyOf(sessions.values())) {
            if (!connection.connected || connection.ending || connection.dismissal != null) {
                continue;
            }
            if (revoked(connection, nextSecurity)) {
                dismiss(connection, new ControlMessage.Halt(Set.of(), "your certificate has been revoked"),
                        "its certificate is revoked by the reloaded CRL", now, true);
                terminated++;
            } else if (pushChanged) {
                dismiss(connection, new ControlMessage.Restart(Set.of(ControlMessage.SignalFlag.PRESERVE_CREDENTIALS),
                        "the endpoint's configuration changed"), "reset to apply the new configuration", now, false);
                reset++;
            } else {
                connection.deadlineMillis = Math.min(connection.deadlineMillis,
                        connection.startedMillis + maxSessionMillis());
            }
        }
        log.accept("reload: " + (changes.isEmpty() ? "nothing changed" : String.join(", ", changes) + " changed")
                + "; " + reset + " connection(s) reset, " + terminated + " terminated");
        return new ReloadReport(changes, reset, terminated);
    }

    private static boolean revoked(ClientConnection connection, EndpointSecurity security) {
        var peer = connection.session.tlsSession().flatMap(TlsSessionInfo::peer);
        if (peer.isEmpty()) {
            return false;
        }
        for (java.security.cert.X509CRL crl : security.tls().crls()) {
            if (crl.isRevoked(peer.get().certificate())) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} on the event loop thread and waits for its answer. */
    private <T> T onLoop(java.util.function.Supplier<T> work) {
        if (!running) {
            throw new IllegalStateException("the server is not running");
        }
        java.util.concurrent.CompletableFuture<T> answer = new java.util.concurrent.CompletableFuture<>();
        inbox.add(new Inbox.Call(() -> {
            try {
                answer.complete(work.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }));
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the server did not answer within 10 s", e);
        }
    }

    // ---------------------------------------------------------------------------------- receiver thread

    private void received(InetSocketAddress sender, byte[] packet, int length, ServerTransport.ReceiveBuffers b) {
        int opcode = (packet[0] & 0xFF) >>> Opcode.KEY_ID_BITS;
        if (opcode == Opcode.DATA_V1.value() || opcode == Opcode.DATA_V2.value()) {
            try {
                openData(sender, packet, length, b.plain, b.reply);
            } catch (RuntimeException e) {
                // never the reader thread's end: the packet is dropped and its session ended on the event loop
                droppedData.increment();
                ClientConnection connection = dataByAddress.get(sender);
                if (connection != null) {
                    inbox.add(new Inbox.DataFailed(connection, e));
                }
            }
        } else {
            byte[] copy = new byte[length];
            System.arraycopy(packet, 0, copy, 0, length);
            if (opcode == Opcode.ACK_V1.value()) {
                // Acks jump the queue: they are cheap, and the ack of a PUSH_REPLY is what lets that
                // client's data flow (KeyConfirmed); behind a queue of TLS handshakes it waited seconds.
                inbox.offerFirst(new Inbox.Control(sender, copy));
            } else {
                inbox.add(new Inbox.Control(sender, copy));
            }
        }
    }

    private void openData(InetSocketAddress sender, byte[] packet, int length, byte[] plain, byte[] reply) {
        ClientConnection connection = dataByAddress.get(sender);
        if (connection == null) {
            droppedData.increment();
            return;
        }
        DataChannelOpener opener = connection.keys().openers()[packet[0] & Opcode.KEY_ID_MASK];
        if (opener == null) {
            droppedData.increment();
            return;
        }
        if (!opener.openPacket(packet, 0, length, plain, 0, clock.millis())) {
            droppedData.increment();
            return;
        }
        connection.lastHeardMillis = clock.millis();
        connection.traffic.received(length);
        int keyId = packet[0] & Opcode.KEY_ID_MASK;
        ClientConnection.KeySet keys = connection.keys();
        if (keys.sealer() == null || keys.sealer().keyId() != keyId) {
            connection.confirm(keyId);
        }
        reporting.ingress(length);
        PayloadKind kind = opener.payloadKind();
        if (kind == PayloadKind.OCC_EXIT) {
            inbox.add(new Inbox.ClientExit(connection));
        } else if (kind == PayloadKind.IP_PACKET) {
            answer(connection, plain, opener.payloadOffset(), opener.payloadLength(), reply);
        }
    }

    private void answer(ClientConnection connection, byte[] plain, int offset, int length, byte[] reply) {
        Optional<Ipv4Address> address = connection.address;
        if (address.isEmpty() || connection.ending) {
            droppedData.increment();
            return;
        }
        // The client may send on key 0 before its acknowledgement of the PUSH_REPLY arrives (it switches
        // keys on reading the reply): such packets are taken; answers wait for the confirmed key.
        if (offset != 0) {
            System.arraycopy(plain, offset, plain, 0, length);
        }
        PacketVerdict verdict = network.handle(plain, length, address.get(), connection.groups);
        verdicts.get(verdict).increment();
        if (verdict == PacketVerdict.ANSWERED) {
            sendData(connection, plain, VirtualNetwork.totalLength(plain), reply);
        } else if (verdict == PacketVerdict.TO_CLIENT) {
            ClientConnection target = owner(plain, length);
            if (target != null && !target.ending) {
                sendData(target, plain, length, reply);
            } else {
                droppedData.increment();
            }
        }
    }

    /** A packet the kernel routed to the client CIDR (TUN mode): to the client owning the destination. */
    private void fromTun(byte[] packet, int length, ServerTransport.ReceiveBuffers buffers) {
        ClientConnection target = owner(packet, length);
        if (target != null && !target.ending) {
            sendData(target, packet, length, buffers.reply);
        } else {
            undeliverable.increment();
        }
    }

    /** The client whose tunnel address is the IPv4 packet's destination, or null (no lambda per packet). */
    private ClientConnection owner(byte[] packet, int length) {
        Optional<Ipv4Address> destination = VirtualNetwork.destination(packet, length);
        return destination.isPresent() ? byTunnelAddress.get(destination.get()) : null;
    }

    /** Seals and sends an IP packet, or a keepalive ping when {@code payload} is null (any thread). */
    private void sendData(ClientConnection connection, byte[] payload, int length, byte[] buffer) {
        synchronized (connection.sendLock) {
            int sealed = connection.seal(payload, length, buffer);
            if (sealed != DataChannelSealer.NOT_SEALED) {
                send(connection.remote(), buffer, 0, sealed);
                connection.lastSentMillis = clock.millis();
                connection.traffic.sent(sealed);
                reporting.egress(sealed);
            }
        }
    }

    private void send(InetSocketAddress to, byte[] bytes, int offset, int length) {
        transport.send(to, bytes, offset, length);
    }

    // -------------------------------------------------------------------------------- event loop thread

    private void runLoop() {
        byte[] pingBuffer = new byte[512];
        // The timers look at every session, so they run when one is due (at least every 250 ms), not
        // after every inbox item: with many clients that scan was most of the loop's time. A packet's
        // own session is processed at once; the timers only carry retransmissions and deadlines.
        long timersDueAt = 0;
        while (true) {
            long now = clock.millis();
            Inbox item;
            try {
                item = inbox.poll(Math.max(1, timersDueAt - now), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            now = clock.millis();
            if (item instanceof Inbox.Stop) {
                sayGoodbye(now, pingBuffer);
                return;
            }
            try {
                if (item != null) {
                    dispatch(item, now);
                }
                if (now >= timersDueAt) {
                    runTimers(now, pingBuffer);
                    timersDueAt = nextWakeup(now);
                }
            } catch (RuntimeException e) {
                // last resort: the sessions' own work is guarded (failed); nothing may end this loop
                logSafely("error in the event loop (" + (item == null ? "timers" : item.getClass().getSimpleName())
                        + "): " + describe(e));
                timersDueAt = now + LOOP_MAX_WAIT_MILLIS;
            }
        }
    }

    /** Handles one inbox item; a session's work that throws ends that session only ({@link #guarded}). */
    private void dispatch(Inbox item, long now) {
        if (item instanceof Inbox.Control control) {
            control(control.from(), control.packet(), now);
        } else if (item instanceof Inbox.PathClosed closed) {
            for (ClientConnection connection : List.copyOf(sessions.values())) {
                if (connection.remote().equals(closed.from())) {
                    guarded(connection, () -> end(connection, "the TCP connection closed"));
                }
            }
        } else if (item instanceof Inbox.Call call) {
            call.work().run();
        } else if (item instanceof Inbox.HandlerDecided decided) {
            guarded(decided.connection(), () -> {
                handlerDecided(decided, now);
                if (!decided.connection().ending) {
                    process(decided.connection(), now);
                }
            });
        } else if (item instanceof Inbox.Judged judged) {
            guarded(judged.connection(), () -> {
                decide(judged.connection(), judged.judging(), judged.verdict(), OptionalLong.empty(), now);
                if (!judged.connection().ending) {
                    process(judged.connection(), now);
                }
            });
        } else if (item instanceof Inbox.ClientExit exit) {
            if (sessions.get(exit.connection().key) == exit.connection()) {
                guarded(exit.connection(), () -> end(exit.connection(), "the client disconnected"));
            }
        } else if (item instanceof Inbox.DataFailed failed) {
            failed(failed.connection(), failed.error(), now);
        }
    }

    /**
     * Runs one session's work on the event loop. An unexpected exception (a bug, or a configuration the
     * session cannot be served with) ends that session alone, logged; every other client is unaffected.
     */
    private void guarded(ClientConnection connection, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failed(connection, e, clock.millis());
        }
    }

    /** Ends a session whose handling threw: a RESTART (with P) if it still can be sent, then the end at once. */
    private void failed(ClientConnection connection, RuntimeException error, long now) {
        if (connection.ending) {
            return;
        }
        logSafely("error " + connection.id + " from " + describe(connection.remote())
                + ": handling its session failed: " + describe(error));
        try {
            if (connection.connected && connection.dismissal == null) {
                // P: the client may come back with its auth-token (the fault is the server's, not its credentials)
                connection.session.send(new ControlMessage.Restart(
                        Set.of(ControlMessage.SignalFlag.PRESERVE_CREDENTIALS), "the server failed serving this session"),
                        now);
                flush(connection);
            }
        } catch (RuntimeException again) {
            // the session cannot even say goodbye; it ends all the same
        }
        try {
            end(connection, "the server failed serving this session (" + error.getClass().getSimpleName() + ")");
        } catch (RuntimeException again) {
            connection.ending = true; // end() marks this first; forget it by hand so no timer touches it again
            if (sessions.remove(connection.key, connection)) {
                perSource.computeIfPresent(connection.remote().getAddress(), (address, n) -> n > 1 ? n - 1 : null);
            }
            dataByAddress.remove(connection.remote(), connection);
            logSafely("error " + connection.id + ": ending the session failed too: " + describe(again));
        }
    }

    /** Logs a line even when the log itself is what fails. */
    private void logSafely(String line) {
        try {
            log.accept(line);
        } catch (RuntimeException e) {
            System.err.println("corridor-server: " + line + " (the server log failed: " + e + ")");
        }
    }

    /** An exception for the log: its class, message and where it was thrown (no stack, no secrets by design). */
    private static String describe(RuntimeException e) {
        StackTraceElement[] stack = e.getStackTrace();
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (stack.length > 0 ? " at " + stack[0] : "");
    }

    private long nextWakeup(long now) {
        long next = now + LOOP_MAX_WAIT_MILLIS;
        for (ClientConnection connection : sessions.values()) {
            var wake = connection.session.nextWakeup();
            if (wake.isPresent()) {
                next = Math.min(next, wake.getAsLong());
            }
        }
        return next;
    }

    private void control(InetSocketAddress from, byte[] packet, long now) {
        if (packet.length < 9) {
            droppedControl.increment();
            return;
        }
        ClientConnection.SessionKey key = new ClientConnection.SessionKey(from, sessionIdOf(packet));
        ClientConnection connection = sessions.get(key);
        if (connection != null) {
            ClientConnection known = connection;
            known.lastHeardMillis = now;
            guarded(known, () -> {
                known.session.receive(packet, now);
                process(known, now);
            });
            return;
        }
        int opcode = (packet[0] & 0xFF) >>> Opcode.KEY_ID_BITS;
        if (opcode != Opcode.CONTROL_HARD_RESET_CLIENT_V2.value() || sessionsFrom(from.getAddress())
                >= MAX_SESSIONS_PER_SOURCE) {
            droppedControl.increment();
            return;
        }
        Optional<ServerControlSession> opened = ServerControlSession.open(sessionConfig(), packet, now);
        if (opened.isEmpty()) {
            droppedControl.increment();
            return;
        }
        Runnable first = atFirstClient.getAndSet(null);
        if (first != null) {
            first.run();
        }
        connection = new ClientConnection("cvpn-connection-" + String.format("%017x", nextConnectionNumber++),
                key, opened.get(), nextPeerId, now);
        nextPeerId = (nextPeerId + 1) & 0xFFFFFF;
        sessions.put(key, connection);
        perSource.merge(from.getAddress(), 1, Integer::sum);
        ClientConnection opening = connection;
        guarded(opening, () -> process(opening, now));
    }

    private int sessionsFrom(InetAddress source) {
        return perSource.getOrDefault(source, 0);
    }

    private static long sessionIdOf(byte[] packet) {
        long id = 0;
        for (int i = 1; i <= 8; i++) {
            id = (id << 8) | (packet[i] & 0xFF);
        }
        return id;
    }

    private ServerSessionConfig sessionConfig() {
        return new ServerSessionConfig(PlainControlWrap.INSTANCE, ReliableSettings.DEFAULTS,
                keyId -> security.tlsServer().newSession(clock, random),
                OccOptionsString.builder(Role.SERVER).build(), "", ServerSessionConfig.DEFAULT_HAND_WINDOW_MILLIS, 0,
                random);
    }

    private void runTimers(long now, byte[] pingBuffer) {
        if (now - lastTokenSweepMillis >= TOKEN_SWEEP_MILLIS) {
            tokens.expire(now);
            lastTokenSweepMillis = now;
        }
        for (ClientConnection connection : List.copyOf(sessions.values())) {
            guarded(connection, () -> timers(connection, now, pingBuffer));
        }
    }

    /** One session's timers: retransmissions, dismissal, deadline, ping-restart, keepalive, renegotiation. */
    private void timers(ClientConnection connection, long now, byte[] pingBuffer) {
        var wake = connection.session.nextWakeup();
        if (wake.isPresent() && wake.getAsLong() <= now) {
            connection.session.tick(now);
            process(connection, now);
        }
        if (connection.ending || !connection.connected) {
            return;
        }
        if (connection.dismissal != null) {
            if (now >= connection.dismissAtMillis) {
                end(connection, connection.dismissal);
            }
            return;
        }
        if (now >= connection.deadlineMillis) {
            dismiss(connection, new ControlMessage.Restart(Set.of(), "maximum session duration reached"),
                    "the maximum session duration (" + config.maxSessionHours() + " h) was reached", now, true);
            return;
        }
        if (now - connection.lastHeardMillis > PushedSettings.PING_RESTART_SECONDS * 1000L) {
            end(connection, "nothing heard for " + PushedSettings.PING_RESTART_SECONDS + " s (ping-restart)");
            return;
        }
        reporting.tick(connection);
        if (now - connection.lastSentMillis >= PushedSettings.PING_SECONDS * 1000L) {
            sendData(connection, null, 0, pingBuffer);
        }
        if (connection.renegotiationDue()) {
            connection.session.renegotiate(now);
            process(connection, now);
        }
    }

    /**
     * Tells a connected client why it is being disconnected (RESTART to reconnect, HALT to stop),
     * forgets its auth-token unless it may come back with it, and ends the connection once the message had time to arrive.
     */
    private void dismiss(ClientConnection connection, ControlMessage message, String reason, long now,
            boolean revokeToken) {
        if (revokeToken) {
            connection.authToken.ifPresent(tokens::revoke);
        }
        connection.dismissal = reason;
        connection.dismissAtMillis = now + DISMISS_LINGER_MILLIS;
        connection.session.send(message, now);
        flush(connection);
    }

    /** Handles the session's events and sends what it produced. */
    private void process(ClientConnection connection, long now) {
        // Handling an event can raise more (sending the PUSH_REPLY raises DataKeysReady): drain until
        // quiet, so the keys are installed before the reply that lets the client use them leaves.
        List<ServerSessionEvent> events = connection.session.drainEvents();
        while (!events.isEmpty() && !connection.ending) {
            for (ServerSessionEvent event : events) {
                if (connection.ending) {
                    break;
                }
                handle(connection, event, now);
            }
            events = connection.session.drainEvents();
        }
        flush(connection);
    }

    private void flush(ClientConnection connection) {
        for (byte[] packet : connection.session.drainOutgoing()) {
            send(connection.remote(), packet, 0, packet.length);
        }
    }

    private void handle(ClientConnection connection, ServerSessionEvent event, long now) {
        if (event instanceof ServerSessionEvent.ClientAuthenticationRequested request) {
            authenticate(connection, request, now);
        } else if (event instanceof ServerSessionEvent.PushRequested) {
            pushReply(connection, now);
        } else if (event instanceof ServerSessionEvent.DataKeysReady keys) {
            if (connection.cipher != null) {
                connection.install(keys.keyId(), keys.key2(), random);
                dataByAddress.put(connection.remote(), connection);
                connection.address.ifPresent(a -> byTunnelAddress.put(a, connection));
            }
            keys.key2().wipe();
        } else if (event instanceof ServerSessionEvent.KeyConfirmed confirmed) {
            connection.confirm(confirmed.keyId());
            if (!connection.connected) {
                connection.connected = true;
                connection.connectedAtMillis = now;
                reporting.connected(connection, config);
                connection.lastHeardMillis = now;
                activeCount.incrementAndGet();
                log.accept("connect " + connection.id + " " + connection.identity + " from "
                        + describe(connection.remote()) + " got " + connection.address.map(Object::toString)
                        .orElse("?") + " (cipher " + connection.cipher.openVpnName() + ", "
                        + connection.session.keyDerivation() + (connection.newSession ? "" : ", auth-token") + ")");
            }
        } else if (event instanceof ServerSessionEvent.KeyRetired retired) {
            connection.forget(retired.keyId());
        } else if (event instanceof ServerSessionEvent.MessageReceived received) {
            if (received.message() instanceof ControlMessage.Exit) {
                end(connection, "the client disconnected");
            }
        } else if (event instanceof ServerSessionEvent.Failed failed) {
            if (failed.kind() == ServerSessionEvent.FailureKind.TLS && !connection.connected) {
                authenticationFailures.incrementAndGet();
                reporting.refused(connection, ConnectionReporting.AUTHENTICATION_FAILED, false, config);
                log.accept("refused " + connection.id + " from " + describe(connection.remote()) + ": "
                        + failed.message());
            }
            end(connection, failed.message());
        }
    }

    /**
     * Starts judging a client's credentials: an auth-token is checked here at once (a digest lookup),
     * and so is a certificate-only client (the TLS handshake already verified it); anything else goes
     * to the judge threads, because a directory password costs a slow PBKDF2 and the event loop must
     * keep serving everyone else meanwhile. The verdict comes back as {@link Inbox.Judged}.
     */
    private void authenticate(ClientConnection connection, ServerSessionEvent.ClientAuthenticationRequested request,
            long now) {
        char[] password = request.password();
        request.wipePassword();
        PeerInfo peerInfo = PeerInfo.parse(request.peerInfo()) instanceof PeerInfoParse.Ok ok
                ? ok.peerInfo() : PeerInfo.empty();
        Judging judging = new Judging(request.keyId(), request.username(), request.clientCertificateCn(), peerInfo);
        if (!request.renegotiation()) {
            connection.username = request.username();
            connection.certificateCn = request.clientCertificateCn();
            connection.peerInfo = peerInfo;
        }
        if (AuthTokens.looksLikeToken(password)) {
            Optional<AuthTokens.Grant> grant = tokens.lookup(request.username(), password, now);
            java.util.Arrays.fill(password, '\0');
            if (grant.isPresent() && (!security.credentials().requiresCertificate()
                    || request.clientCertificateCn().isPresent())) {
                decide(connection, judging, new ClientVerdict.Admitted(grant.get().username(), grant.get().groups()),
                        OptionalLong.of(grant.get().expiresAtMillis()), now);
            } else {
                decide(connection, judging, new ClientVerdict.Refused(SESSION_EXPIRED,
                        "auth-token of \"" + request.username() + "\" unknown or expired"), OptionalLong.empty(), now);
            }
            return;
        }
        if (security.credentials().certificateOnly()) {
            // nothing to hash: judged here, so the PUSH_REPLY leaves with the key-method-2 reply
            // instead of after two thread hand-overs (judge thread, then this loop again)
            ClientVerdict verdict = security.credentials().judge(judging.username(), password,
                    judging.certificateCn());
            java.util.Arrays.fill(password, '\0');
            decide(connection, judging, verdict, OptionalLong.empty(), now);
            return;
        }
        try {
            judges.execute(() -> {
                ClientVerdict verdict;
                try {
                    verdict = security.credentials().judge(judging.username(), password, judging.certificateCn());
                } catch (RuntimeException e) {
                    verdict = new ClientVerdict.Refused(CredentialCheck.INVALID_CREDENTIALS,
                            "checking the credentials failed: " + e);
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
                inbox.add(new Inbox.Judged(connection, judging, verdict));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            java.util.Arrays.fill(password, '\0'); // the server is stopping
        }
    }

    /**
     * Acts on a verdict; the caller processes the session's events afterwards. {@code tokenExpiry} is set when the client proved itself with an auth-token:
     * the session keeps the deadline of the login that earned the token.
     */
    private void decide(ClientConnection connection, Judging judging, ClientVerdict verdict, OptionalLong tokenExpiry,
            long now) {
        if (connection.ending) {
            return;
        }
        if (judging.keyId() != 0) {
            // A renegotiating client sends its auth-token; clients that ignore auth-token resend their first
            // credentials, where an MFA code counts as a replay, so those are accepted for the same identity.
            boolean same = verdict instanceof ClientVerdict.Admitted admitted
                    ? admitted.identity().equals(connection.identity)
                    : tokenExpiry.isEmpty() && !SESSION_EXPIRED.equals(((ClientVerdict.Refused) verdict).clientMessage())
                            && (judging.certificateCn().map(cn -> cn.equals(connection.identity)).orElse(false)
                                    || judging.username().equals(connection.identity));
            if (same) {
                connection.session.accept(judging.keyId(), now);
            } else {
                connection.session.reject(judging.keyId(), verdict instanceof ClientVerdict.Refused refused
                        ? refused.clientMessage() : CredentialCheck.INVALID_CREDENTIALS, now);
            }
            return;
        }
        if (verdict instanceof ClientVerdict.Refused refused && refused.challenge()) {
            log.accept("challenge " + connection.id + " from " + describe(connection.remote()) + ": "
                    + refused.logReason());
            connection.session.reject(judging.keyId(), refused.clientMessage(), now);
            return;
        }
        if (verdict instanceof ClientVerdict.Refused refused) {
            authenticationFailures.incrementAndGet();
            reporting.refused(connection, ConnectionReporting.AUTHENTICATION_FAILED,
                    security.credentials().usesDirectory(), config);
            log.accept("refused " + connection.id + " from " + describe(connection.remote()) + ": "
                    + refused.logReason());
            connection.session.reject(judging.keyId(), refused.clientMessage(), now);
            return;
        }
        ClientVerdict.Admitted admitted = (ClientVerdict.Admitted) verdict;
        PeerInfo peerInfo = judging.peerInfo();
        Optional<String> cipher = PushedSettings.chooseCipher(peerInfo.ciphers());
        if (cipher.isEmpty()) {
            log.accept("refused " + connection.id + " " + admitted.identity() + ": no data cipher in common (client"
                    + " offers " + peerInfo.ciphers() + ")");
            connection.session.reject(judging.keyId(), "no data cipher in common; the endpoint supports "
                    + String.join(":", PushedSettings.SERVER_CIPHERS), now);
            return;
        }
        if (authorizer.isPresent()) {
            ConnectRequest request = new ConnectRequest(connection.id, config.endpointId(),
                    judging.certificateCn().orElse(""), security.credentials().usesDirectory() ? admitted.identity() : "",
                    peerInfo.platform().orElse(""), peerInfo.get("IV_PLAT_VER").orElse(""),
                    connection.remote().getAddress().getHostAddress(), peerInfo.version().orElse(""),
                    admitted.groups());
            authorizer.get().authorize(request).thenAccept(outcome -> inbox.add(new Inbox.HandlerDecided(connection,
                    judging, admitted, tokenExpiry, cipher.get(), outcome)));
            return;
        }
        admit(connection, judging, admitted, tokenExpiry, cipher.get(), now);
    }

    /** Acts on the client connect handler's answer; the caller processes the session's events afterwards. */
    private void handlerDecided(Inbox.HandlerDecided decided, long now) {
        ClientConnection connection = decided.connection();
        if (connection.ending) {
            return;
        }
        ConnectOutcome outcome = decided.outcome();
        connection.postureStatuses = Optional.of(outcome.postureComplianceStatuses());
        Optional<ConnectFailureReason> failure = outcome.failureReason();
        if (failure.isEmpty()) {
            admit(connection, decided.judging(), decided.admitted(), decided.tokenExpiry(), decided.cipher(), now);
            return;
        }
        reporting.handlerRefused(connection, failure.get().logValue(), config);
        log.accept("refused " + connection.id + " " + decided.admitted().identity() + " by the client connect handler: "
                + failure.get().logValue() + (outcome instanceof ConnectOutcome.Failed failed
                        ? " (" + failed.detail() + ")" : ""));
        connection.session.reject(decided.judging().keyId(), outcome.clientMessage(), now);
    }

    /** Leases an address and accepts the client. */
    private void admit(ClientConnection connection, Judging judging, ClientVerdict.Admitted admitted,
            OptionalLong tokenExpiry, String cipherName, long now) {
        PeerInfo peerInfo = judging.peerInfo();
        for (ClientConnection other : List.copyOf(sessions.values())) {
            if (other != connection && other.dismissal != null && other.identity.equals(admitted.identity())) {
                end(other, other.dismissal); // told to reconnect and already back: free its address now
            }
        }
        Optional<Ipv4Address> address = pool.lease(Optional.ofNullable(lastAddress.get(admitted.identity())));
        if (address.isEmpty()) {
            log.accept("refused " + connection.id + " " + admitted.identity() + ": the client CIDR is exhausted");
            connection.session.reject(judging.keyId(), "no client address is free on this endpoint", now);
            return;
        }
        connection.identity = admitted.identity();
        connection.groups = admitted.groups();
        connection.address = address;
        connection.peerInfo = peerInfo;
        connection.cipher = dev.corridor.protocol.data.DataCipher.forName(cipherName, "SHA256").orElseThrow();
        Set<ProtocolCapability> capabilities = peerInfo.capabilities();
        connection.ccExit = capabilities.contains(ProtocolCapability.CC_EXIT_NOTIFY);
        connection.peerInfoEkm = capabilities.contains(ProtocolCapability.TLS_KEY_EXPORT);
        connection.newSession = tokenExpiry.isEmpty();
        connection.deadlineMillis = tokenExpiry.orElse(now + maxSessionMillis());
        if (security.credentials().usesDirectory()) {
            connection.authToken = Optional.of(tokens.issue(connection.username, admitted.identity(),
                    admitted.groups(), connection.deadlineMillis));
        }
        connection.session.accept(judging.keyId(), now);
        if (capabilities.contains(ProtocolCapability.REQUEST_PUSH)) {
            // IV_PROTO bit 2: the client takes its settings without asking, as a 2.6 server sends them;
            // otherwise it waits (OpenVPN 2.6: about a second) before its first PUSH_REQUEST
            pushReply(connection, now);
        }
    }

    private long maxSessionMillis() {
        return config.maxSessionHours() * 3_600_000L;
    }

    private void pushReply(ClientConnection connection, long now) {
        if (connection.address.isEmpty() || connection.pushSent) {
            return; // sent unasked already (IV_PROTO bit 2) when the client's PUSH_REQUEST came before the verdict
        }
        connection.pushSent = true;
        boolean ekm = connection.peerInfoEkm && connection.session.tlsSession()
                .map(TlsSessionInfo::keyingMaterialExportable).orElse(false);
        List<String> options = PushedSettings.build(config, pool, new PushedSettings.ForClient(
                connection.address.get(), connection.peerId, connection.cipher.openVpnName(), connection.ccExit, ekm,
                connection.authToken, connection.newSession, secondsLeft(connection, now)));
        connection.session.sendPushReply(options, ekm ? KeyDerivation.TLS_EKM : KeyDerivation.PRF, now);
    }

    /** Whole seconds until the session's deadline (never negative), or empty when it has none. */
    private static OptionalLong secondsLeft(ClientConnection connection, long now) {
        if (connection.deadlineMillis == Long.MAX_VALUE) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, (connection.deadlineMillis - now) / 1000));
    }

    /** Forgets a session: its keys, its address, its table entries; logs a disconnect if it was connected. */
    private void end(ClientConnection connection, String reason) {
        if (connection.ending) {
            return;
        }
        connection.ending = true;
        flush(connection);
        transport.disconnect(connection.remote());
        connection.session.close();
        connection.dropKeys();
        if (sessions.remove(connection.key, connection)) {
            perSource.computeIfPresent(connection.remote().getAddress(), (address, n) -> n > 1 ? n - 1 : null);
        }
        dataByAddress.remove(connection.remote(), connection);
        connection.address.ifPresent(a -> byTunnelAddress.remove(a, connection));
        connection.address.ifPresent(pool::release);
        connection.address.ifPresent(a -> lastAddress.put(connection.identity, a));
        if (connection.connected) {
            activeCount.decrementAndGet();
            reporting.ended(connection);
            long seconds = (clock.millis() - connection.startedMillis) / 1000;
            log.accept("disconnect " + connection.id + " " + connection.identity + " "
                    + connection.address.map(Object::toString).orElse("?") + " after " + seconds + " s: " + reason);
        }
    }

    private void sayGoodbye(long now, byte[] buffer) {
        for (ClientConnection connection : new ArrayList<>(sessions.values())) {
            guarded(connection, () -> goodbye(connection, now, buffer));
        }
    }

    /** Sends EXIT (control channel with cc-exit, else the OCC exit notification) and ends the session. */
    private void goodbye(ClientConnection connection, long now, byte[] buffer) {
        if (connection.connected) {
            if (connection.ccExit) {
                connection.session.send(new ControlMessage.Exit(), now);
                flush(connection);
            } else {
                synchronized (connection.sendLock) {
                    connection.sealExit(buffer).ifPresent(s -> send(connection.remote(), buffer, s.offset(),
                            s.length()));
                }
            }
        }
        end(connection, "the server is shutting down");
    }

    private static String describe(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}

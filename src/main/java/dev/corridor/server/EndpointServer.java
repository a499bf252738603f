package dev.corridor.server;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.OpenResult;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.data.SealResult;
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
import dev.corridor.protocol.tls.TlsEndpoint;
import dev.corridor.protocol.tls.TlsSessionInfo;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.server.config.EndpointConfig;
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
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
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
 * operator (connect, refuse, disconnect) go to the {@code log} consumer.
 *
 * <p>The port comes from the configuration (443 or 1194, as the guide allows) unless a port
 * override is given: tests and unprivileged demos pass one (0 picks a free port).
 */
public final class EndpointServer implements AutoCloseable {
    /** Where the server listens unless told otherwise. */
    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";
    /** New sessions allowed per source IP address at once (half-open and connected). */
    static final int MAX_SESSIONS_PER_SOURCE = 32;
    private static final long LOOP_MAX_WAIT_MILLIS = 250;

    /** Work for the event loop thread. */
    private sealed interface Inbox {
        record Control(InetSocketAddress from, byte[] packet) implements Inbox {}
        record ClientExit(ClientConnection connection) implements Inbox {}
        record PathClosed(InetSocketAddress from) implements Inbox {}
        record Stop() implements Inbox {}
    }

    private final EndpointConfig config;
    private final InetSocketAddress bind;
    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<String> log;
    private final EndpointSecurity security;
    private final AddressPool pool;
    private final VirtualNetwork network;
    private final BlockingQueue<Inbox> inbox = new LinkedBlockingQueue<>();
    private final Map<ClientConnection.SessionKey, ClientConnection> sessions = new HashMap<>();
    private final Map<InetSocketAddress, ClientConnection> dataByAddress = new ConcurrentHashMap<>();
    private final Map<VirtualNetwork.Verdict, LongAdder> verdicts = new EnumMap<>(VirtualNetwork.Verdict.class);
    private final LongAdder droppedData = new LongAdder();
    private final LongAdder droppedControl = new LongAdder();
    private final AtomicInteger activeCount = new AtomicInteger();
    private final AtomicInteger authenticationFailures = new AtomicInteger();
    private int nextPeerId;
    private long nextConnectionNumber = 1;
    private ServerTransport transport;
    private Thread loop;
    private volatile boolean running;

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
        this.config = config;
        this.bind = new InetSocketAddress(listen, portOverride.orElse(config.port()));
        this.clock = clock;
        this.random = random;
        this.log = log;
        this.security = EndpointSecurity.load(config, configFolder, clock);
        this.pool = new AddressPool(config.clientCidr());
        this.network = new VirtualNetwork(pool.serverAddress(), config.routes(),
                new AccessPolicy(config.authorizationRules()));
        for (VirtualNetwork.Verdict verdict : VirtualNetwork.Verdict.values()) {
            verdicts.put(verdict, new LongAdder());
        }
    }

    /** Binds the socket and starts the receiver and event loop threads. */
    public synchronized void start() throws IOException {
        if (transport != null) {
            throw new IllegalStateException("already started");
        }
        transport = config.transport() == TransportProtocol.TCP
                ? new TcpServerTransport(bind, MAX_SESSIONS_PER_SOURCE, clock)
                : new UdpServerTransport(bind);
        running = true;
        transport.start(new ServerTransport.Receiver() {
            @Override
            public void packet(InetSocketAddress from, byte[] packet, int length, ServerTransport.ReceiveBuffers b) {
                received(from, packet, length, b);
            }

            @Override
            public void closed(InetSocketAddress from) {
                inbox.add(new Inbox.PathClosed(from));
            }
        });
        loop = new Thread(this::runLoop, "corridor-server-loop");
        loop.setDaemon(true);
        loop.start();
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

    /** Clients refused at authentication since start. */
    public int authenticationFailures() {
        return authenticationFailures.get();
    }

    /** How many client packets the virtual network handled with {@code verdict}. */
    public long packets(VirtualNetwork.Verdict verdict) {
        return verdicts.get(verdict).sum();
    }

    /** Data packets that could not be opened (unknown client, bad key, replay, forgery). */
    public long droppedDataPackets() {
        return droppedData.sum();
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
        transport.close();
    }

    @Override
    public void close() {
        stop();
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------- receiver thread

    private void received(InetSocketAddress sender, byte[] packet, int length, ServerTransport.ReceiveBuffers b) {
        int opcode = (packet[0] & 0xFF) >>> Opcode.KEY_ID_BITS;
        if (opcode == Opcode.DATA_V1.value() || opcode == Opcode.DATA_V2.value()) {
            openData(sender, packet, length, b.plain, b.reply);
        } else {
            byte[] copy = new byte[length];
            System.arraycopy(packet, 0, copy, 0, length);
            inbox.add(new Inbox.Control(sender, copy));
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
        OpenResult result = opener.open(packet, 0, length, plain, 0, clock.millis());
        if (!(result instanceof OpenResult.Payload payload)) {
            droppedData.increment();
            return;
        }
        connection.lastHeardMillis = clock.millis();
        if (payload.kind() == PayloadKind.OCC_EXIT) {
            inbox.add(new Inbox.ClientExit(connection));
        } else if (payload.kind() == PayloadKind.IP_PACKET) {
            answer(connection, plain, payload.offset(), payload.length(), reply);
        }
    }

    private void answer(ClientConnection connection, byte[] plain, int offset, int length, byte[] reply) {
        Optional<Ipv4Address> address = connection.address;
        if (address.isEmpty() || !connection.connected) {
            droppedData.increment(); // the client sends on key 0 before it acknowledged the PUSH_REPLY
            return;
        }
        if (offset != 0) {
            System.arraycopy(plain, offset, plain, 0, length);
        }
        VirtualNetwork.Verdict verdict = network.handle(plain, length, address.get(), connection.groups);
        verdicts.get(verdict).increment();
        if (verdict == VirtualNetwork.Verdict.ANSWERED) {
            sendData(connection, plain, length, reply);
        }
    }

    /** Seals and sends an IP packet, or a keepalive ping when {@code payload} is null (any thread). */
    private void sendData(ClientConnection connection, byte[] payload, int length, byte[] buffer) {
        synchronized (connection.sendLock) {
            Optional<SealResult.Sealed> sealed = connection.seal(payload, length, buffer);
            if (sealed.isPresent()) {
                send(connection.remote(), buffer, sealed.get().offset(), sealed.get().length());
                connection.lastSentMillis = clock.millis();
            }
        }
    }

    private void send(InetSocketAddress to, byte[] bytes, int offset, int length) {
        transport.send(to, bytes, offset, length);
    }

    // -------------------------------------------------------------------------------- event loop thread

    private void runLoop() {
        byte[] pingBuffer = new byte[512];
        while (true) {
            long now = clock.millis();
            Inbox item;
            try {
                item = inbox.poll(Math.max(1, nextWakeup(now) - now), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            now = clock.millis();
            if (item instanceof Inbox.Stop) {
                sayGoodbye(now, pingBuffer);
                return;
            }
            if (item instanceof Inbox.Control control) {
                control(control.from(), control.packet(), now);
            } else if (item instanceof Inbox.PathClosed closed) {
                for (ClientConnection connection : List.copyOf(sessions.values())) {
                    if (connection.remote().equals(closed.from())) {
                        end(connection, "the TCP connection closed");
                    }
                }
            } else if (item instanceof Inbox.ClientExit exit) {
                if (sessions.get(exit.connection().key) == exit.connection()) {
                    end(exit.connection(), "the client disconnected");
                }
            }
            runTimers(now, pingBuffer);
        }
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
            connection.lastHeardMillis = now;
            connection.session.receive(packet, now);
            process(connection, now);
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
        connection = new ClientConnection("cvpn-connection-" + String.format("%017x", nextConnectionNumber++),
                key, opened.get(), nextPeerId, now);
        nextPeerId = (nextPeerId + 1) & 0xFFFFFF;
        sessions.put(key, connection);
        process(connection, now);
    }

    private int sessionsFrom(InetAddress source) {
        int count = 0;
        for (ClientConnection.SessionKey key : sessions.keySet()) {
            if (key.address().getAddress().equals(source)) {
                count++;
            }
        }
        return count;
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
                keyId -> TlsEndpoint.server(security.tls(), clock, random),
                OccOptionsString.builder(Role.SERVER).build(), "", ServerSessionConfig.DEFAULT_HAND_WINDOW_MILLIS, 0,
                random);
    }

    private void runTimers(long now, byte[] pingBuffer) {
        for (ClientConnection connection : List.copyOf(sessions.values())) {
            var wake = connection.session.nextWakeup();
            if (wake.isPresent() && wake.getAsLong() <= now) {
                connection.session.tick(now);
                process(connection, now);
            }
            if (connection.ending || !connection.connected) {
                continue;
            }
            if (now - connection.lastHeardMillis > PushedSettings.PING_RESTART_SECONDS * 1000L) {
                end(connection, "nothing heard for " + PushedSettings.PING_RESTART_SECONDS + " s (ping-restart)");
                continue;
            }
            if (now - connection.lastSentMillis >= PushedSettings.PING_SECONDS * 1000L) {
                sendData(connection, null, 0, pingBuffer);
            }
            if (connection.renegotiationDue()) {
                connection.session.renegotiate(now);
                process(connection, now);
            }
        }
    }

    /** Handles the session's events and sends what it produced. */
    private void process(ClientConnection connection, long now) {
        for (ServerSessionEvent event : connection.session.drainEvents()) {
            if (connection.ending) {
                break;
            }
            handle(connection, event, now);
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
            }
            keys.key2().wipe();
        } else if (event instanceof ServerSessionEvent.KeyConfirmed confirmed) {
            connection.confirm(confirmed.keyId());
            if (!connection.connected) {
                connection.connected = true;
                connection.lastHeardMillis = now;
                activeCount.incrementAndGet();
                log.accept("connect " + connection.id + " " + connection.identity + " from "
                        + describe(connection.remote()) + " got " + connection.address.map(Object::toString)
                        .orElse("?") + " (cipher " + connection.cipher.openVpnName() + ", "
                        + connection.session.keyDerivation() + ")");
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
                log.accept("refused " + connection.id + " from " + describe(connection.remote()) + ": "
                        + failed.message());
            }
            end(connection, failed.message());
        }
    }

    private void authenticate(ClientConnection connection, ServerSessionEvent.ClientAuthenticationRequested request,
            long now) {
        char[] password = request.password();
        ClientVerdict verdict;
        try {
            verdict = security.credentials().judge(request.username(), password, request.clientCertificateCn());
        } finally {
            java.util.Arrays.fill(password, '\0');
            request.wipePassword();
        }
        if (request.renegotiation()) {
            // Without auth-tokens a renegotiating client resends its first credentials; an MFA code would
            // count as a replay, so a renegotiation is accepted for the same certificate / user name.
            boolean same = verdict instanceof ClientVerdict.Admitted admitted
                    ? admitted.identity().equals(connection.identity)
                    : request.clientCertificateCn().map(cn -> cn.equals(connection.identity)).orElse(false)
                            || request.username().equals(connection.identity);
            if (same) {
                connection.session.accept(request.keyId(), now);
            } else {
                connection.session.reject(request.keyId(), CredentialCheck.INVALID_CREDENTIALS, now);
            }
            return;
        }
        if (verdict instanceof ClientVerdict.Refused refused) {
            authenticationFailures.incrementAndGet();
            log.accept("refused " + connection.id + " from " + describe(connection.remote()) + ": "
                    + refused.logReason());
            connection.session.reject(request.keyId(), refused.clientMessage(), now);
            return;
        }
        ClientVerdict.Admitted admitted = (ClientVerdict.Admitted) verdict;
        PeerInfo peerInfo = PeerInfo.parse(request.peerInfo()) instanceof PeerInfoParse.Ok ok
                ? ok.peerInfo() : PeerInfo.empty();
        Optional<String> cipher = PushedSettings.chooseCipher(peerInfo.ciphers());
        if (cipher.isEmpty()) {
            log.accept("refused " + connection.id + " " + admitted.identity() + ": no data cipher in common (client"
                    + " offers " + peerInfo.ciphers() + ")");
            connection.session.reject(request.keyId(), "no data cipher in common; the endpoint supports "
                    + String.join(":", PushedSettings.SERVER_CIPHERS), now);
            return;
        }
        Optional<Ipv4Address> address = pool.lease();
        if (address.isEmpty()) {
            log.accept("refused " + connection.id + " " + admitted.identity() + ": the client CIDR is exhausted");
            connection.session.reject(request.keyId(), "no client address is free on this endpoint", now);
            return;
        }
        connection.identity = admitted.identity();
        connection.groups = admitted.groups();
        connection.address = address;
        connection.cipher = dev.corridor.protocol.data.DataCipher.forName(cipher.get(), "SHA256").orElseThrow();
        Set<ProtocolCapability> capabilities = peerInfo.capabilities();
        connection.ccExit = capabilities.contains(ProtocolCapability.CC_EXIT_NOTIFY);
        connection.peerInfoEkm = capabilities.contains(ProtocolCapability.TLS_KEY_EXPORT);
        connection.session.accept(request.keyId(), now);
    }

    private void pushReply(ClientConnection connection, long now) {
        if (connection.address.isEmpty()) {
            return;
        }
        boolean ekm = connection.peerInfoEkm && connection.session.tlsSession()
                .map(TlsSessionInfo::keyingMaterialExportable).orElse(false);
        List<String> options = PushedSettings.build(config, pool, connection.address.get(), connection.peerId,
                connection.cipher.openVpnName(), connection.ccExit, ekm);
        connection.session.sendPushReply(options, ekm ? KeyDerivation.TLS_EKM : KeyDerivation.PRF, now);
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
        sessions.remove(connection.key, connection);
        dataByAddress.remove(connection.remote(), connection);
        connection.address.ifPresent(pool::release);
        if (connection.connected) {
            activeCount.decrementAndGet();
            long seconds = (clock.millis() - connection.startedMillis) / 1000;
            log.accept("disconnect " + connection.id + " " + connection.identity + " "
                    + connection.address.map(Object::toString).orElse("?") + " after " + seconds + " s: " + reason);
        }
    }

    private void sayGoodbye(long now, byte[] buffer) {
        for (ClientConnection connection : new ArrayList<>(sessions.values())) {
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
    }

    private static String describe(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}

package dev.corridor.protocol.session;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelOpener;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.DropCounters;
import dev.corridor.protocol.data.DropReason;
import dev.corridor.protocol.data.OpenResult;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.data.ReplayWindow;
import dev.corridor.protocol.data.SealResult;
import dev.corridor.profile.DataChannelSettings;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.keys.OccOptionsString;
import dev.corridor.protocol.keys.PeerInfo;
import dev.corridor.protocol.keys.PeerInfoParse;
import dev.corridor.protocol.keys.ProtocolCapability;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.PushOptions;
import dev.corridor.protocol.message.PushOptionsParser;
import dev.corridor.protocol.message.PushParseResult;
import dev.corridor.protocol.message.PushReplyAssembler;
import dev.corridor.protocol.reliable.ReliableSettings;
import dev.corridor.protocol.tls.ClientCertificatePolicy;
import dev.corridor.protocol.tls.LocalCredentials;
import dev.corridor.protocol.tls.TlsClientConfig;
import dev.corridor.protocol.tls.TlsEndpoint;
import dev.corridor.protocol.tls.TlsServerConfig;
import dev.corridor.protocol.tls.TlsSessionInfo;
import dev.corridor.protocol.tls.TlsVersion;
import dev.corridor.protocol.tls.TlsVersionRange;
import dev.corridor.protocol.tls.wrap.ControlWrap;
import dev.corridor.protocol.tls.wrap.KeyDirection;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import dev.corridor.protocol.tls.wrap.StaticKey;
import dev.corridor.protocol.tls.wrap.TlsAuthDigest;
import dev.corridor.protocol.tls.wrap.TlsAuthWrap;
import dev.corridor.protocol.tls.wrap.TlsCryptWrap;
import dev.corridor.protocol.wire.Opcode;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A {@link ClientControlSession} and a {@link ServerControlSession} driven against each other over a
 * simulated datagram link, each with a small owner that does what the engine and the test server
 * do (PUSH_REQUEST resends, credentials, PUSH_REPLY, key installation) and a model data plane built
 * from {@code protocol.data}. Time is simulated; randomness is seeded; nothing sleeps.
 *
 * <pre>
 *   client owner ─ ClientControlSession ─┐   ┌─ link: loss, dup, delay ─┐   ┌─ ServerControlSession ─ server owner
 *   client data plane (sealer/openers) ──┴──►│  (the delay reorders)    │◄──┴── server data plane
 *                                            └──────────────────────────┘
 *   loop: hand events to the owners and packets to the link until quiet; jump the clock to the next
 *         delivery, session wakeup or owner timer; deliver; tick.
 * </pre>
 */
final class SessionHarness {
    static final long EPOCH_MILLIS = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    static final Clock TLS_CLOCK = Clock.fixed(Instant.ofEpochMilli(EPOCH_MILLIS), ZoneOffset.UTC);
    static final CertificateAuthority CA = CertificateAuthority.create("Corridor Session Test CA", TLS_CLOCK,
            new SecureRandom());
    static final IssuedCertificate SERVER_CERTIFICATE = CA.issueServer("vpn.corridor.test");
    static final IssuedCertificate CLIENT_CERTIFICATE = CA.issueClient("alice-laptop");
    static final StaticKey STATIC_KEY = StaticKey.of(staticKeyBytes());
    static final String USERNAME = "alice";
    static final String PASSWORD = "correct horse battery staple";
    static final String AUTH_TOKEN = "SESS_ID_corridor_token_0123456789";
    static final DataCipher CIPHER = DataCipher.forName("AES-256-GCM", "SHA1").orElseThrow();
    static final int PEER_ID = 7;

    private static byte[] staticKeyBytes() {
        byte[] key = new byte[256];
        new Random(1194).nextBytes(key);
        return key;
    }

    /** How control packets are wrapped. */
    enum WrapKind {
        PLAIN, TLS_AUTH, TLS_CRYPT;

        ControlWrap forRole(Role role) {
            return switch (this) {
                case PLAIN -> PlainControlWrap.INSTANCE;
                case TLS_AUTH -> new TlsAuthWrap(STATIC_KEY, role == Role.SERVER ? KeyDirection.NORMAL
                        : KeyDirection.INVERSE, TlsAuthDigest.SHA256);
                case TLS_CRYPT -> new TlsCryptWrap(STATIC_KEY, role);
            };
        }
    }

    /**
     * One combination under test.
     *
     * @param ekm               the server pushes tls-ekm (the client advertises it and the session can export)
     * @param clientCertificate mutual authentication on top of username and password
     * @param framing           the client's key-method-2 framing
     * @param manyRoutes        push enough routes that the reply needs several PUSH_REPLY messages
     */
    record Setup(WrapKind wrap, TlsVersion tls, boolean ekm, boolean clientCertificate, KeyMethod2Framing framing,
            boolean manyRoutes) {
        static Setup of(WrapKind wrap, TlsVersion tls, boolean ekm) {
            return new Setup(wrap, tls, ekm, false, KeyMethod2Framing.STOCK, false);
        }

        @Override
        public String toString() {
            return wrap + ", TLS " + tls.profileName() + ", " + (ekm ? "EKM" : "PRF")
                    + (clientCertificate ? ", client certificate" : "") + (framing == KeyMethod2Framing.AWS
                    ? ", AWS framing" : "") + (manyRoutes ? ", split push" : "");
        }
    }

    /** How badly the link treats datagrams; the delay is uniform in [minDelay, maxDelay], which reorders. */
    record LinkQuality(double loss, double duplication, int minDelayMillis, int maxDelayMillis) {
        static final LinkQuality PERFECT = new LinkQuality(0, 0, 10, 10);
        static final LinkQuality LOSSY = new LinkQuality(0.10, 0.05, 5, 120);
    }

    /** A datagram on its way; {@code dataId} names a data packet (-1 for control). */
    private record Flight(long deliverAtMillis, long sequence, boolean toServer, byte[] bytes, long dataId) {}

    /** Data-channel keys one side derived for one key id. */
    record DerivedKey(int keyId, byte[] key2, KeyDerivation derivation) {}

    final Setup setup;
    final LinkQuality quality;
    final Random linkRandom;
    final ClientEnd client;
    final ServerSessionConfig serverConfig;
    ServerEnd server;
    long now = EPOCH_MILLIS;
    long serverOpenRefusals;
    /** Sends one data packet each way this often once keys are in place; 0 = no data. */
    long dataIntervalMillis;
    /** The password the client logs in with (a CRV1 SAML answer can be 100 KB long). */
    String clientPassword = PASSWORD;
    /** When set, the server refuses every login with this reason. */
    String rejectReason;
    /** When set, the server owner keeps logins in {@code ServerEnd.held} instead of judging them. */
    boolean holdVerdicts;
    /** Called with every datagram on its way to the server before delivery; may replace it (null = drop). */
    java.util.function.UnaryOperator<byte[]> serverInbound = bytes -> bytes;
    /** Called before each control datagram is delivered, with its direction and running number. */
    DeliveryHook beforeControlDelivery = (toServer, index, bytes) -> { };
    /** Control datagrams delivered so far. */
    int controlDeliveries;

    /** Sees each control datagram just before it is delivered. */
    interface DeliveryHook {
        void before(boolean toServer, int index, byte[] bytes);
    }

    private final PriorityQueue<Flight> inFlight = new PriorityQueue<>(
            Comparator.comparingLong(Flight::deliverAtMillis).thenComparingLong(Flight::sequence));
    private long sequence;
    long datagramsSent;
    long datagramsLost;
    long datagramsDuplicated;

    SessionHarness(Setup setup, LinkQuality quality, long seed) {
        this(setup, quality, seed, 0, 0);
    }

    SessionHarness(Setup setup, LinkQuality quality, long seed, long clientRenegMillis, long serverRenegMillis) {
        this.setup = setup;
        this.quality = quality;
        this.linkRandom = new Random(seed);
        this.client = new ClientEnd(clientConfig(setup, seededRandom(seed * 31 + 1), clientRenegMillis));
        this.serverConfig = serverConfig(setup, seededRandom(seed * 31 + 2), serverRenegMillis);
    }

    static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ClientSessionConfig clientConfig(Setup setup, SecureRandom random, long renegMillis) {
        TlsVersionRange versions = new TlsVersionRange(setup.tls(), setup.tls());
        Optional<LocalCredentials> credentials = setup.clientCertificate()
                ? Optional.of(new LocalCredentials(List.of(CLIENT_CERTIFICATE.certificate()),
                        CLIENT_CERTIFICATE.privateKey()))
                : Optional.empty();
        TlsClientConfig tls = new TlsClientConfig(List.of(CA.caCertificate()), List.of(), credentials, true,
                Optional.empty(), versions);
        EnumSet<ProtocolCapability> capabilities = EnumSet.of(ProtocolCapability.DATA_V2,
                ProtocolCapability.REQUEST_PUSH, ProtocolCapability.AUTH_PENDING_KEYWORDS);
        if (setup.ekm()) {
            capabilities.add(ProtocolCapability.TLS_KEY_EXPORT);
        }
        String peerInfo = PeerInfo.builder().version("2.6-corridor-test").platform("linux").tcpNonLinear(true)
                .mtu(1600).ciphers(List.of("AES-256-GCM", "AES-128-GCM")).capabilities(capabilities).build().text();
        String occ = OccOptionsString.builder(Role.CLIENT).build();
        return new ClientSessionConfig(setup.wrap().forRole(Role.CLIENT), ReliableSettings.DEFAULTS,
                keyId -> TlsEndpoint.client(tls, TLS_CLOCK, random), occ, peerInfo, setup.framing(), 60_000,
                renegMillis, random);
    }

    static ServerSessionConfig serverConfig(Setup setup, SecureRandom random, long renegMillis) {
        TlsVersionRange versions = new TlsVersionRange(setup.tls(), setup.tls());
        TlsServerConfig tls = new TlsServerConfig(new LocalCredentials(List.of(SERVER_CERTIFICATE.certificate()),
                SERVER_CERTIFICATE.privateKey()), List.of(CA.caCertificate()), List.of(),
                setup.clientCertificate() ? ClientCertificatePolicy.REQUIRED : ClientCertificatePolicy.NONE, false,
                versions);
        return new ServerSessionConfig(setup.wrap().forRole(Role.SERVER), ReliableSettings.DEFAULTS,
                keyId -> TlsEndpoint.server(tls, TLS_CLOCK, random), OccOptionsString.builder(Role.SERVER).build(), "",
                ServerSessionConfig.DEFAULT_HAND_WINDOW_MILLIS, renegMillis, random);
    }

    // ------------------------------------------------------------------------------------------ driving

    /** Starts the client's hard reset. */
    SessionHarness start() {
        client.session.setCredentials(USERNAME, clientPassword.toCharArray());
        client.session.start(now);
        settle();
        return this;
    }

    /** Runs the simulation until {@code done} holds; false if {@code maxMillis} of simulated time pass first. */
    boolean runUntil(BooleanSupplier done, long maxMillis) {
        long deadline = now + maxMillis;
        settle();
        while (!done.getAsBoolean()) {
            long next = nextEventTime();
            if (next > deadline) {
                now = deadline;
                return false;
            }
            now = Math.max(now + 1, next);
            deliverDue();
            client.tick();
            if (server != null) {
                server.tick();
            }
            settle();
        }
        return true;
    }

    /** Runs for exactly {@code millis} of simulated time. */
    void runFor(long millis) {
        long until = now + millis;
        runUntil(() -> now >= until, millis + 1);
    }

    /** Hands events to the owners and packets to the link until nothing more happens at this instant. */
    void settle() {
        for (int round = 0; round < 1000; round++) {
            boolean moved = client.handleEvents();
            if (server != null) {
                moved |= server.handleEvents();
            }
            for (byte[] packet : client.session.drainOutgoing()) {
                send(true, packet, -1);
                moved = true;
            }
            if (server != null) {
                for (byte[] packet : server.session.drainOutgoing()) {
                    send(false, packet, -1);
                    moved = true;
                }
            }
            if (!moved) {
                return;
            }
        }
        throw new IllegalStateException("the sessions keep producing work at one instant");
    }

    private long nextEventTime() {
        long next = Long.MAX_VALUE;
        if (!inFlight.isEmpty()) {
            next = inFlight.peek().deliverAtMillis();
        }
        next = Math.min(next, client.nextWakeup());
        if (server != null) {
            next = Math.min(next, server.nextWakeup());
        }
        return next;
    }

    private void send(boolean toServer, byte[] bytes, long dataId) {
        datagramsSent++;
        if (linkRandom.nextDouble() < quality.loss()) {
            datagramsLost++;
            return;
        }
        inFlight.add(new Flight(now + delay(), sequence++, toServer, bytes, dataId));
        if (linkRandom.nextDouble() < quality.duplication()) {
            datagramsDuplicated++;
            inFlight.add(new Flight(now + delay(), sequence++, toServer, bytes.clone(), dataId));
        }
    }

    private int delay() {
        return quality.minDelayMillis() + linkRandom.nextInt(quality.maxDelayMillis() - quality.minDelayMillis() + 1);
    }

    private void deliverDue() {
        while (!inFlight.isEmpty() && inFlight.peek().deliverAtMillis() <= now) {
            Flight flight = inFlight.poll();
            byte[] bytes = flight.bytes();
            boolean data = isData(bytes);
            if (!data) {
                beforeControlDelivery.before(flight.toServer(), controlDeliveries++, bytes);
            }
            if (flight.toServer()) {
                if (!data) {
                    bytes = serverInbound.apply(bytes);
                    if (bytes == null) {
                        continue;
                    }
                }
                if (data) {
                    if (server != null) {
                        server.plane.receive(bytes, flight.dataId(), now);
                    }
                } else if (server == null) {
                    Optional<ServerControlSession> opened = ServerControlSession.open(serverConfig, bytes, now);
                    if (opened.isPresent()) {
                        server = new ServerEnd(opened.get());
                    } else {
                        serverOpenRefusals++;
                    }
                } else {
                    server.session.receive(bytes, now);
                }
            } else if (data) {
                client.plane.receive(bytes, flight.dataId(), now);
            } else {
                client.session.receive(bytes, now);
            }
        }
    }

    static boolean isData(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        int opcode = (bytes[0] & 0xFF) >>> 3;
        return opcode == Opcode.DATA_V1.value() || opcode == Opcode.DATA_V2.value();
    }

    /** True once both sides can send data: the client has keys, the server has its first key confirmed. */
    boolean connected() {
        return client.connected && server != null && server.sendingKeyId >= 0;
    }

    // ------------------------------------------------------------------------------------------ data plane

    /** The data channel of one side: the sending key's sealer, openers by key id, what was opened. */
    final class DataPlaneModel {
        final Role role;
        final Map<Integer, DataChannelSealer> sealers = new LinkedHashMap<>();
        final DataChannelOpener[] openers = new DataChannelOpener[8];
        final DropCounters drops = new DropCounters();
        final Set<Long> opened = new HashSet<>();
        final Set<Long> arrived = new HashSet<>();
        final List<Long> sentIds = new ArrayList<>();
        final Map<Integer, Long> openedPerKey = new LinkedHashMap<>();
        final Map<Integer, Long> sealedPerKey = new LinkedHashMap<>();
        /** Packets opened on an older key after one on a newer key had opened: the lame duck at work. */
        long openedAfterNewerKey;
        private final Map<Integer, Integer> installOrder = new LinkedHashMap<>();
        private int installs;
        private int newestOpened = -1;
        DataChannelSealer sending;
        OptionalInt peerId = OptionalInt.empty();
        long nextSendAt = Long.MAX_VALUE;
        long nextDataId;

        DataPlaneModel(Role role, long idBase) {
            this.role = role;
            this.nextDataId = idBase;
        }

        void install(int keyId, Key2 key2) {
            DataKeys keys = DataKeys.fromKey2(key2.bytes(), role);
            sealers.put(keyId, DataChannelSealer.create(CIPHER, keys.outgoing(), keyId, peerId, CompressionFraming.of(
                    DataChannelSettings.Compression.NONE), seededRandom(keyId)));
            openers[keyId] = DataChannelOpener.create(CIPHER, keys.incoming(), keyId,
                    CompressionFraming.of(DataChannelSettings.Compression.NONE), ReplayWindow.withDefaults(), drops);
            keys.wipe();
            installOrder.put(keyId, installs++);
        }

        void sendWith(int keyId) {
            sending = sealers.get(keyId);
            if (nextSendAt == Long.MAX_VALUE && dataIntervalMillis > 0) {
                nextSendAt = now;
            }
        }

        void forget(int keyId) {
            openers[keyId] = null;
            sealers.remove(keyId);
        }

        /** Seals and sends one numbered IPv4-looking payload. */
        void sendOne(boolean toServer) {
            long id = nextDataId++;
            byte[] payload = ByteBuffer.allocate(40).put((byte) 0x45).put(new byte[11]).putLong(id).array();
            byte[] packet = new byte[sending.requiredCapacity(payload.length)];
            SealResult result = sending.seal(payload, 0, payload.length, packet, 0);
            SealResult.Sealed sealed = (SealResult.Sealed) result;
            sentIds.add(id);
            sealedPerKey.merge(sending.keyId(), 1L, Long::sum);
            send(toServer, Arrays.copyOf(packet, sealed.length()), id);
        }

        void receive(byte[] packet, long dataId, long nowMillis) {
            arrived.add(dataId);
            int keyId = packet[0] & 0x07;
            DataChannelOpener opener = openers[keyId];
            if (opener == null) {
                drops.record(DropReason.UNKNOWN_KEY_ID);
                return;
            }
            byte[] out = new byte[opener.requiredOutputCapacity(packet.length)];
            OpenResult result = opener.open(packet, 0, packet.length, out, 0, nowMillis);
            if (result instanceof OpenResult.Payload payload && payload.kind() == PayloadKind.IP_PACKET) {
                long id = ByteBuffer.wrap(out, payload.offset() + 12, 8).getLong();
                if (id != dataId) {
                    throw new AssertionError("data packet " + dataId + " opened as " + id);
                }
                opened.add(id);
                openedPerKey.merge(keyId, 1L, Long::sum);
                int order = installOrder.get(keyId);
                if (order < newestOpened) {
                    openedAfterNewerKey++;
                }
                newestOpened = Math.max(newestOpened, order);
            }
        }

        /** Drops for reasons other than the link's duplicates (which the replay window rightly refuses). */
        long dropsOtherThanReplays() {
            return drops.total() - drops.count(DropReason.REPLAYED);
        }

        void maybeSend(boolean toServer) {
            if (sending != null && dataIntervalMillis > 0 && now >= nextSendAt) {
                sendOne(toServer);
                nextSendAt = now + dataIntervalMillis;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ owners

    /** The client's owner: what the engine's Attempt does, minus sockets and threads. */
    final class ClientEnd {
        final ClientControlSession session;
        final DataPlaneModel plane = new DataPlaneModel(Role.CLIENT, 1_000_000_000L);
        final PushReplyAssembler assembler = new PushReplyAssembler();
        final List<SessionEvent> events = new ArrayList<>();
        final List<DerivedKey> keys = new ArrayList<>();
        final List<ControlMessage> messages = new ArrayList<>();
        final Map<Integer, TlsSessionInfo> tls = new LinkedHashMap<>();
        List<String> pushedOptions;
        boolean connected;
        long lastPushRequest = -1;
        int pushRequestsSent;
        SessionEvent.Failed failure;

        ClientEnd(ClientSessionConfig config) {
            this.session = new ClientControlSession(config);
        }

        boolean handleEvents() {
            List<SessionEvent> drained = session.drainEvents();
            for (SessionEvent event : drained) {
                events.add(event);
                if (event instanceof SessionEvent.TlsEstablished established) {
                    tls.put(established.keyId(), established.info());
                } else if (event instanceof SessionEvent.KeyExchangeComplete complete && complete.keyId() == 0) {
                    requestPush();
                } else if (event instanceof SessionEvent.DataKeysReady ready) {
                    keys.add(new DerivedKey(ready.keyId(), ready.key2().bytes(), ready.derivation()));
                    plane.install(ready.keyId(), ready.key2());
                    plane.sendWith(ready.keyId());
                    ready.key2().wipe();
                    connected = true;
                } else if (event instanceof SessionEvent.MessageReceived received) {
                    messages.add(received.message());
                    if (received.message() instanceof ControlMessage.PushReply part
                            && assembler.accept(part) instanceof PushReplyAssembler.Assembly.Complete complete) {
                        applyPush(complete.options());
                    }
                } else if (event instanceof SessionEvent.Failed failed) {
                    failure = failed;
                }
            }
            return !drained.isEmpty();
        }

        private void requestPush() {
            if (session.send(new ControlMessage.PushRequest(), now)) {
                lastPushRequest = now;
                pushRequestsSent++;
            }
        }

        private void applyPush(List<String> options) {
            if (pushedOptions != null) {
                throw new AssertionError("a second complete PUSH_REPLY arrived");
            }
            pushedOptions = options;
            PushOptions pushed = ((PushParseResult.Accepted) PushOptionsParser.parse(options)).options();
            plane.peerId = pushed.dataChannel().peerId();
            pushed.session().authToken().ifPresent(token -> session.setCredentials(USERNAME, token.reveal()));
            session.decideKeyDerivation(pushed.dataChannel().usesTlsEkm() ? KeyDerivation.TLS_EKM : KeyDerivation.PRF,
                    now);
        }

        void tick() {
            session.tick(now);
            if (lastPushRequest >= 0 && pushedOptions == null && failure == null
                    && now - lastPushRequest >= 5_000) {
                requestPush();
            }
            plane.maybeSend(true);
        }

        long nextWakeup() {
            long next = session.nextWakeup().orElse(Long.MAX_VALUE);
            if (lastPushRequest >= 0 && pushedOptions == null && failure == null) {
                next = Math.min(next, lastPushRequest + 5_000);
            }
            if (plane.sending != null && dataIntervalMillis > 0) {
                next = Math.min(next, plane.nextSendAt);
            }
            return next;
        }

        Optional<DerivedKey> key(int keyId) {
            return keys.stream().filter(k -> k.keyId() == keyId).reduce((a, b) -> b);
        }
    }

    /** The server's owner: what the test server will do with a session, minus sockets. */
    final class ServerEnd {
        final ServerControlSession session;
        final DataPlaneModel plane = new DataPlaneModel(Role.SERVER, 2_000_000_000L);
        final List<ServerSessionEvent> events = new ArrayList<>();
        final List<ServerSessionEvent.ClientAuthenticationRequested> logins = new ArrayList<>();
        final List<String> passwordsSeen = new ArrayList<>();
        final List<DerivedKey> keys = new ArrayList<>();
        final List<Integer> confirmed = new ArrayList<>();
        final List<Integer> retired = new ArrayList<>();
        final List<ControlMessage> messages = new ArrayList<>();
        final List<ServerSessionEvent.ClientAuthenticationRequested> held = new ArrayList<>();
        int sendingKeyId = -1;
        int pushRequests;
        ServerSessionEvent.Failed failure;

        ServerEnd(ServerControlSession session) {
            this.session = session;
            plane.peerId = OptionalInt.of(PEER_ID);
        }

        boolean handleEvents() {
            List<ServerSessionEvent> drained = session.drainEvents();
            for (ServerSessionEvent event : drained) {
                events.add(event);
                if (event instanceof ServerSessionEvent.ClientAuthenticationRequested login) {
                    judge(login);
                } else if (event instanceof ServerSessionEvent.PushRequested requested) {
                    pushRequests++;
                    KeyDerivation derivation = chooseDerivation();
                    session.sendPushReply(pushOptions(derivation), derivation, now);
                } else if (event instanceof ServerSessionEvent.DataKeysReady ready) {
                    keys.add(new DerivedKey(ready.keyId(), ready.key2().bytes(), ready.derivation()));
                    plane.install(ready.keyId(), ready.key2());
                    ready.key2().wipe();
                } else if (event instanceof ServerSessionEvent.KeyConfirmed keyConfirmed) {
                    confirmed.add(keyConfirmed.keyId());
                    sendingKeyId = keyConfirmed.keyId();
                    plane.sendWith(keyConfirmed.keyId());
                } else if (event instanceof ServerSessionEvent.KeyRetired keyRetired) {
                    retired.add(keyRetired.keyId());
                    plane.forget(keyRetired.keyId());
                } else if (event instanceof ServerSessionEvent.MessageReceived received) {
                    messages.add(received.message());
                } else if (event instanceof ServerSessionEvent.Failed failed) {
                    failure = failed;
                }
            }
            return !drained.isEmpty();
        }

        private void judge(ServerSessionEvent.ClientAuthenticationRequested login) {
            logins.add(login);
            if (holdVerdicts) {
                held.add(login);
                return;
            }
            char[] password = login.password();
            String given = new String(password);
            Arrays.fill(password, '\0');
            login.wipePassword();
            passwordsSeen.add(given);
            if (rejectReason != null) {
                session.reject(login.keyId(), rejectReason, now);
                return;
            }
            boolean ok = login.username().equals(USERNAME)
                    && (login.keyId() == 0 ? given.equals(clientPassword) : given.equals(AUTH_TOKEN));
            if (ok) {
                session.accept(login.keyId(), now);
            } else {
                session.reject(login.keyId(), "wrong credentials on key " + login.keyId(), now);
            }
        }

        private KeyDerivation chooseDerivation() {
            ServerSessionEvent.ClientAuthenticationRequested first = logins.get(0);
            boolean advertised = PeerInfo.parse(first.peerInfo()) instanceof PeerInfoParse.Ok ok
                    && ok.peerInfo().capabilities().contains(ProtocolCapability.TLS_KEY_EXPORT);
            boolean exportable = session.tlsSession().map(TlsSessionInfo::keyingMaterialExportable).orElse(false);
            return advertised && exportable ? KeyDerivation.TLS_EKM : KeyDerivation.PRF;
        }

        List<String> pushOptions(KeyDerivation derivation) {
            List<String> options = new ArrayList<>(List.of("topology subnet", "ifconfig 10.8.0.2 255.255.255.0",
                    "route-gateway 10.8.0.1", "ping 10", "ping-restart 60", "peer-id " + PEER_ID,
                    "cipher AES-256-GCM", "auth-token " + AUTH_TOKEN));
            if (setup.manyRoutes()) {
                for (int i = 0; i < 120; i++) {
                    options.add("route 10." + (i + 16) + ".0.0 255.255.0.0");
                }
            }
            if (derivation == KeyDerivation.TLS_EKM) {
                options.add("key-derivation tls-ekm");
            }
            return options;
        }

        void tick() {
            session.tick(now);
            plane.maybeSend(false);
        }

        long nextWakeup() {
            long next = session.nextWakeup().orElse(Long.MAX_VALUE);
            if (plane.sending != null && dataIntervalMillis > 0) {
                next = Math.min(next, plane.nextSendAt);
            }
            return next;
        }

        Optional<DerivedKey> key(int keyId) {
            return keys.stream().filter(k -> k.keyId() == keyId).reduce((a, b) -> b);
        }
    }
}

package dev.corridor.client;

import dev.corridor.profile.DataChannelSettings;
import dev.corridor.profile.Profile;
import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelOpener;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.DropCounters;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.data.ReplayWindow;
import dev.corridor.protocol.keys.Key2;
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
import dev.corridor.protocol.session.ClientControlSession;
import dev.corridor.protocol.session.ClientSessionConfig;
import dev.corridor.protocol.session.KeyDerivation;
import dev.corridor.protocol.session.ServerControlSession;
import dev.corridor.protocol.session.ServerSessionConfig;
import dev.corridor.protocol.session.ServerSessionEvent;
import dev.corridor.protocol.session.SessionEvent;
import dev.corridor.protocol.tls.PreparedTlsServer;
import dev.corridor.protocol.tls.TlsSessionInfo;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One whole control session in memory, {@link ClientControlSession} against {@link ServerControlSession},
 * for {@link HandshakeRehearsal}: the reliable layer, the control wrap, TLS, key-method 2, PUSH_REQUEST /
 * PUSH_REPLY, the key derivation and a few data packets each way, through the code a connect runs.
 *
 * <pre>
 *   client.start ─► hard reset ─► ServerControlSession.open ─► ... TLS ... key-method 2 both ways
 *   server: ClientAuthenticationRequested ─► accept
 *   client: KeyExchangeComplete ─► PUSH_REQUEST ─► server: PushRequested ─► PUSH_REPLY (tls-ekm when the
 *           peer info offers it and TLS can export, as the test server decides)
 *   client: PUSH_REPLY assembled, parsed, mapped to tunnel settings ─► decideKeyDerivation ─► DataKeysReady
 *   server: DataKeysReady ─► both seal PACKETS data packets, the other side opens them
 * </pre>
 *
 * The packets go from one session's output straight into the other's input in this thread, with the time
 * read once per step from the clock; nothing touches a socket, a file or a log. Not thread-safe.
 */
final class RehearsedSession {
    /** Data packets sealed each way once both sides have keys. */
    static final int PACKETS = 4;
    private static final int MAX_STEPS = 64;
    private static final int PEER_ID = 0;
    /** What the test server pushes to a full-tunnel client (server.PushedSettings), by hand: client may not reach it. */
    private static final List<String> PUSH = List.of("route-gateway 10.8.0.1", "topology subnet", "ping 10",
            "ping-restart 60", "ifconfig 10.8.0.2 255.255.255.0", "redirect-gateway def1 bypass-dhcp",
            "dhcp-option DNS 10.8.0.1", "peer-id " + PEER_ID, "cipher AES-256-GCM");

    /**
     * How a rehearsed session went.
     *
     * @param pushed          the options the client took from the PUSH_REPLY (empty until it arrived)
     * @param derivation      the data keys' derivation the client used
     * @param clientKeys      the client derived its data keys
     * @param serverKeys      the server derived its data keys
     * @param packetsOpened   data packets that opened on the other side, both ways together
     * @param problem         why the session did not go through; empty when it did
     */
    record Outcome(List<String> pushed, KeyDerivation derivation, boolean clientKeys, boolean serverKeys,
            int packetsOpened, Optional<String> problem) {
        boolean whole() {
            return problem.isEmpty() && clientKeys && serverKeys && packetsOpened == 2 * PACKETS;
        }
    }

    private final Profile profile;
    private final ClientSessionConfig clientConfig;
    private final ServerSessionConfig serverConfig;
    private final Clock clock;
    private final SecureRandom random;
    private final PushReplyAssembler assembler = new PushReplyAssembler();
    private ClientControlSession client;
    private ServerControlSession server;
    private List<String> pushed = List.of();
    private KeyDerivation derivation = KeyDerivation.UNDECIDED;
    private boolean peerOffersEkm;
    private DataKeys clientKeys;
    private DataKeys serverKeys;
    private String problem;

    private RehearsedSession(Profile profile, ClientSessionConfig clientConfig, ServerSessionConfig serverConfig,
            Clock clock, SecureRandom random) {
        this.profile = profile;
        this.clientConfig = clientConfig;
        this.serverConfig = serverConfig;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Runs one session: the client from {@code clientConfig} (built by {@link SessionFactory} from
     * {@code profile}, as a connect builds it), the server as the test server builds its sessions: plain
     * wrap, as the profiles {@code corridor server init} writes have neither tls-auth nor tls-crypt.
     */
    static Outcome run(Profile profile, ClientSessionConfig clientConfig, PreparedTlsServer servers, Clock clock,
            SecureRandom random) {
        ServerSessionConfig serverConfig = new ServerSessionConfig(PlainControlWrap.INSTANCE,
                ReliableSettings.DEFAULTS, keyId -> servers.newSession(clock, random),
                OccOptionsString.builder(Role.SERVER).build(), "", ServerSessionConfig.DEFAULT_HAND_WINDOW_MILLIS, 0,
                random);
        RehearsedSession session = new RehearsedSession(profile, clientConfig, serverConfig, clock, random);
        try {
            return session.go();
        } finally {
            session.close();
        }
    }

    private Outcome go() {
        client = new ClientControlSession(clientConfig);
        client.start(clock.millis());
        int opened = 0;
        for (int step = 0; step < MAX_STEPS && problem == null; step++) {
            toServer(client.drainOutgoing());
            if (server != null) {
                serverEvents();
                for (byte[] packet : server.drainOutgoing()) {
                    client.receive(packet, clock.millis());
                }
            }
            clientEvents();
            if (clientKeys != null && serverKeys != null) {
                opened = data(clientKeys, serverKeys) + data(serverKeys, clientKeys);
                break;
            }
        }
        if (problem == null && (clientKeys == null || serverKeys == null)) {
            problem = "no data keys after " + MAX_STEPS + " steps";
        }
        return new Outcome(pushed, derivation, clientKeys != null, serverKeys != null, opened,
                Optional.ofNullable(problem));
    }

    private void toServer(List<byte[]> packets) {
        for (byte[] packet : packets) {
            long now = clock.millis();
            if (server == null) {
                server = ServerControlSession.open(serverConfig, packet, now).orElse(null);
                if (server == null) {
                    problem = "the server did not open a session on the client's reset";
                    return;
                }
            } else {
                server.receive(packet, now);
            }
        }
    }

    private void serverEvents() {
        for (ServerSessionEvent event : server.drainEvents()) {
            long now = clock.millis();
            if (event instanceof ServerSessionEvent.ClientAuthenticationRequested login) {
                login.wipePassword();
                peerOffersEkm = PeerInfo.parse(login.peerInfo()) instanceof PeerInfoParse.Ok ok
                        && ok.peerInfo().capabilities().contains(ProtocolCapability.TLS_KEY_EXPORT);
                server.accept(login.keyId(), now);
            } else if (event instanceof ServerSessionEvent.PushRequested) {
                boolean ekm = peerOffersEkm
                        && server.tlsSession().map(TlsSessionInfo::keyingMaterialExportable).orElse(false);
                List<String> options = new ArrayList<>(PUSH);
                if (ekm) {
                    options.add("protocol-flags tls-ekm");
                }
                server.sendPushReply(options, ekm ? KeyDerivation.TLS_EKM : KeyDerivation.PRF, now);
            } else if (event instanceof ServerSessionEvent.DataKeysReady ready) {
                serverKeys = keys(ready.key2(), Role.SERVER);
            } else if (event instanceof ServerSessionEvent.Failed failed) {
                problem = "server: " + failed.kind();
            }
        }
    }

    private void clientEvents() {
        for (SessionEvent event : client.drainEvents()) {
            long now = clock.millis();
            if (event instanceof SessionEvent.KeyExchangeComplete) {
                client.send(new ControlMessage.PushRequest(), now);
            } else if (event instanceof SessionEvent.MessageReceived received
                    && received.message() instanceof ControlMessage.PushReply part
                    && assembler.accept(part) instanceof PushReplyAssembler.Assembly.Complete complete) {
                applyPush(complete.options(), now);
            } else if (event instanceof SessionEvent.DataKeysReady ready) {
                clientKeys = keys(ready.key2(), Role.CLIENT);
            } else if (event instanceof SessionEvent.Failed failed) {
                problem = "client: " + failed.kind();
            }
        }
    }

    /** What {@code Attempt} does with a PUSH_REPLY, short of the TUN device and the host's routes. */
    private void applyPush(List<String> options, long now) {
        PushParseResult parsed = PushOptionsParser.parse(options, profile.routing().pullFilters());
        if (!(parsed instanceof PushParseResult.Accepted accepted)) {
            problem = "the rehearsal's PUSH_REPLY was refused";
            return;
        }
        PushOptions push = accepted.options();
        pushed = options;
        derivation = push.dataChannel().usesTlsEkm() ? KeyDerivation.TLS_EKM : KeyDerivation.PRF;
        TunnelSettingsMapper.map(push, options, profile, push.dataChannel().cipher().orElse("AES-256-GCM"),
                derivation == KeyDerivation.TLS_EKM ? "tls-ekm" : "prf", clock.instant());
        client.decideKeyDerivation(derivation, now);
    }

    private static DataKeys keys(Key2 key2, Role role) {
        try {
            return DataKeys.fromKey2(key2.bytes(), role);
        } finally {
            key2.wipe();
        }
    }

    /** Seals {@link #PACKETS} packets with {@code from}'s keys, opens them with {@code to}'s; how many opened. */
    private int data(DataKeys from, DataKeys to) {
        DataCipher cipher = DataCipher.forName("AES-256-GCM", profile.dataChannel().authDigest()).orElseThrow();
        CompressionFraming framing = CompressionFraming.of(DataChannelSettings.Compression.NONE);
        OptionalInt peerId = from.role() == Role.CLIENT ? OptionalInt.of(PEER_ID) : OptionalInt.empty();
        DataChannelSealer sealer = DataChannelSealer.create(cipher, from.outgoing(), 0, peerId, framing, random);
        DataChannelOpener opener = DataChannelOpener.create(cipher, to.incoming(), 0, framing,
                ReplayWindow.withDefaults(), new DropCounters());
        byte[] payload = new byte[1400];
        payload[0] = 0x45; // an IPv4 header's first byte, so the opener sees an IP packet
        byte[] packet = new byte[sealer.requiredCapacity(payload.length)];
        byte[] out = new byte[opener.requiredOutputCapacity(packet.length)];
        int opened = 0;
        for (int i = 0; i < PACKETS; i++) {
            payload[payload.length - 1] = (byte) i;
            int length = sealer.sealPacket(payload, 0, payload.length, packet, 0);
            if (length != DataChannelSealer.NOT_SEALED
                    && opener.openPacket(packet, 0, length, out, 0, clock.millis())
                    && opener.payloadKind() == PayloadKind.IP_PACKET
                    && Arrays.equals(out, opener.payloadOffset(), opener.payloadOffset() + opener.payloadLength(),
                            payload, 0, payload.length)) {
                opened++;
            }
        }
        return opened;
    }

    private void close() {
        if (clientKeys != null) {
            clientKeys.wipe();
        }
        if (serverKeys != null) {
            serverKeys.wipe();
        }
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }
}

package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.Credentials;
import dev.corridor.auth.CredentialsSource;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.profile.Remote;
import dev.corridor.profile.StaticChallenge;
import dev.corridor.profile.Transport;
import dev.corridor.protocol.Role;
import dev.corridor.protocol.keys.OccOptionsString;
import dev.corridor.protocol.reliable.ReliableSettings;
import dev.corridor.protocol.session.KeyDerivation;
import dev.corridor.protocol.session.ServerControlSession;
import dev.corridor.protocol.session.ServerSessionConfig;
import dev.corridor.protocol.session.ServerSessionEvent;
import dev.corridor.protocol.tls.PreparedTlsClient;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointSecurity;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that pushes its settings unasked together with its key-method-2 message (IV_PROTO bit 2,
 * as OpenVPN 2.6 does) and then says nothing more: the client must come up on the packet that
 * carried the PUSH_REPLY, not on its next idle wake-up or the next packet.
 *
 * <p>The client's clock is frozen, its idle wake-up is an hour and its retransmission and hand-window
 * timers are an hour away, so its only wake-up without a packet is the PUSH_REQUEST resend after
 * {@link Attempt#PUSH_REQUEST_INTERVAL_MILLIS}: a client that leaves the data keys (raised while it
 * handles the PUSH_REPLY) for a later turn is not CONNECTED before then; one that handles them on
 * the PUSH_REPLY's own turn is, a few milliseconds after it. Before the fix such a client
 * waited for its one-second idle wake-up, which made most warm connects against OpenVPN's server
 * take over a second.
 */
class PushReplyWithoutFollowUpTest {
    private static final List<String> PUSHED = List.of("topology subnet", "ifconfig 10.77.0.2 255.255.255.0",
            "route-gateway 10.77.0.1", "route 10.101.0.0 255.255.255.0", "ping 10", "ping-restart 60",
            "peer-id 0", "cipher AES-256-GCM");

    @TempDir
    Path folder;

    @Test
    void theTunnelComesUpOnThePushReplyAlone() throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(folder.resolve("endpoint"), new InitOptions(AuthMode.MUTUAL, TransportProtocol.UDP, 443,
                        false, "127.0.0.1"));
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        Path profileFile = init.profiles().get(0);
        // Nothing of the client's own may wake it either: no retransmission (tls-timeout) or hand-window
        // deadline falls within the test's wait.
        byte[] text = (Files.readString(profileFile) + "\ntls-timeout 3600\nhand-window 3600\n")
                .getBytes(StandardCharsets.UTF_8);
        Profile profile = ProfileParser.standard().parse("alice", text, ReferencedFiles.NONE).profile().orElseThrow();
        try (SilentAfterPushServer server = new SilentAfterPushServer(init, frozen)) {
            Thread serverThread = new Thread(server::serve, "scripted-server");
            serverThread.start();
            CountDownLatch connected = new CountDownLatch(1);
            ConnectOptions options = new ConnectOptions(new NoCredentials(), new InMemoryTunProvider(), 1,
                    Duration.ofMinutes(5), "6.1.0", frozen, new SecureRandom());
            EngineStatus status = new EngineStatus(event -> {
                if (event instanceof ConnectionEvent.StateChanged changed
                        && changed.state() == ConnectionState.CONNECTED) {
                    connected.countDown();
                }
            });
            Remote remote = new Remote("127.0.0.1", server.address().getPort(), Transport.UDP, Transport.Family.ANY, 1);
            Attempt attempt = new Attempt("alice", profile, remote, server.address(), options,
                    SessionFactory.config(profile, Transport.UDP, options,
                            PreparedTlsClient.prepare(profile.tls(), new char[0])), new SessionCredentials(), status,
                    event -> { }, TimeUnit.HOURS.toMillis(1));
            Thread client = new Thread(attempt::run, "attempt");
            client.start();
            try {
                // The client's only wake-up left is its PUSH_REQUEST resend; CONNECTED must come before it.
                assertThat(connected.await(Attempt.PUSH_REQUEST_INTERVAL_MILLIS - 1_000, TimeUnit.MILLISECONDS))
                        .as("CONNECTED on the PUSH_REPLY (server said nothing after it: %s)", server.silent.get())
                        .isTrue();
                assertThat(server.silent.get()).isTrue();
            } finally {
                attempt.stop();
                client.join(10_000);
                server.close();
                serverThread.join(10_000);
            }
        }
    }

    /**
     * One OpenVPN server session on loopback UDP, built from the protocol pieces: accepts the client,
     * pushes at once, and after the packets carrying its PUSH_REPLY sends nothing (not even acks).
     */
    private static final class SilentAfterPushServer implements AutoCloseable {
        private final DatagramSocket socket;
        private final ServerSessionConfig config;
        private final Clock clock;
        final AtomicBoolean silent = new AtomicBoolean();

        SilentAfterPushServer(InitResult init, Clock clock) throws Exception {
            this.clock = clock;
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SecureRandom random = new SecureRandom();
            EndpointSecurity security = EndpointSecurity.load(EndpointConfigFile.read(init.endpointConfig()),
                    init.endpointConfig().getParent(), clock);
            this.config = new ServerSessionConfig(PlainControlWrap.INSTANCE, ReliableSettings.DEFAULTS,
                    keyId -> security.tlsServer().newSession(clock, random), OccOptionsString.builder(Role.SERVER)
                            .build(), "", ServerSessionConfig.DEFAULT_HAND_WINDOW_MILLIS, 0, random);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        void serve() {
            ServerControlSession session = null;
            byte[] buffer = new byte[2048];
            try {
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    if (silent.get()) {
                        continue;
                    }
                    byte[] wire = Arrays.copyOf(packet.getData(), packet.getLength());
                    long now = clock.millis();
                    if (session == null) {
                        Optional<ServerControlSession> opened = ServerControlSession.open(config, wire, now);
                        if (opened.isEmpty()) {
                            continue;
                        }
                        session = opened.get();
                    } else {
                        session.receive(wire, now);
                    }
                    boolean pushed = false;
                    for (ServerSessionEvent event : session.drainEvents()) {
                        if (event instanceof ServerSessionEvent.ClientAuthenticationRequested judging) {
                            judging.wipePassword();
                            session.accept(judging.keyId(), now);
                            pushed = session.sendPushReply(PUSHED, KeyDerivation.PRF, now);
                        }
                    }
                    for (byte[] out : session.drainOutgoing()) {
                        socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                    }
                    if (pushed) {
                        silent.set(true);
                    }
                }
            } catch (SocketException closed) {
                // close() ends the loop
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** The certificate profile needs no credentials; asking for them is a failure of the test. */
    private static final class NoCredentials implements CredentialsSource {
        @Override
        public Optional<Credentials> credentials(String profileName, Optional<StaticChallenge> challenge,
                boolean retry) {
            throw new AssertionError("a certificate profile asked for credentials");
        }

        @Override
        public Optional<char[]> challengeResponse(String text, boolean echo) {
            throw new AssertionError("the scripted server sends no challenge");
        }
    }
}

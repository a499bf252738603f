package dev.corridor.bench.load;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelOpener;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.DropCounters;
import dev.corridor.protocol.data.OpenResult;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.data.ReplayWindow;
import dev.corridor.protocol.data.SealResult;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.PushOptions;
import dev.corridor.protocol.message.PushOptionsParser;
import dev.corridor.protocol.message.PushParseResult;
import dev.corridor.protocol.message.PushReplyAssembler;
import dev.corridor.protocol.session.ClientControlSession;
import dev.corridor.protocol.session.KeyDerivation;
import dev.corridor.protocol.session.SessionEvent;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.tun.packet.IcmpEcho;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One simulated client on a non-blocking datagram channel, driven by a {@link LoadLoop}: it does
 * what {@code dev.corridor.client.Attempt} does for a UDP profile (hard reset, TLS, key-method 2,
 * PUSH_REQUEST every 5 s until PUSH_REPLY, data keys), then pings the server's tunnel address
 * through the data channel, keeps the connection alive until told to leave, and leaves with
 * control-channel EXIT (cc-exit) or the OCC exit notification.
 *
 * <pre>
 *   WAITING ─start()─► HANDSHAKING ─DataKeysReady(0)─► CONNECTED ─leave─► LEAVING ─EXIT acked / 5 s─► DONE
 *                          └── failure (timeout, TLS, AUTH_FAILED, RESTART ...) ─────────────────────► DONE
 * </pre>
 *
 * Not thread-safe: its load loop thread owns it.
 */
final class SimulatedClient {
    private static final long PUSH_REQUEST_INTERVAL_MILLIS = 5_000;
    private static final long KEEPALIVE_MILLIS = 10_000;
    private static final long PING_LOST_AFTER_MILLIS = 5_000;
    private static final long LEAVE_WAIT_MILLIS = 5_000;

    enum Phase { WAITING, HANDSHAKING, CONNECTED, LEAVING, DONE }

    private final int index;
    private final InetAddress source;
    private final ClientBlueprint blueprint;
    private final LoadRun run;
    private final LoadFigures figures;
    private final PushReplyAssembler assembler = new PushReplyAssembler();
    private final byte[] sendBuffer = new byte[2048];
    private final byte[] openBuffer = new byte[65536];
    private DatagramChannel channel;
    private ClientControlSession session;
    private Phase phase = Phase.WAITING;
    private long startedNanos;
    private double tlsMillis = Double.NaN;
    private long pushRequestedMillis = -1;
    private PushOptions pushed;
    private DataCipher cipher;
    private CompressionFraming framing;
    private boolean ccExit;
    private Inet4Address tunnelAddress;
    private DataChannelSealer sealer;
    private DataChannelOpener opener;
    private long lastSentMillis;
    private long leftAtMillis;
    /** Echo requests: send times (System.nanoTime, 0 = answered or not sent), sequence = index. */
    private final long[] pingSentNanos;
    private final boolean[] pingAtFullLoad;
    private int pingsSent;
    private long nextPingMillis;
    private boolean secondRoundScheduled;

    SimulatedClient(int index, InetAddress source, ClientBlueprint blueprint, LoadRun run, LoadFigures figures) {
        this.index = index;
        this.source = source;
        this.blueprint = blueprint;
        this.run = run;
        this.figures = figures;
        this.pingSentNanos = new long[blueprint.pings() * 2];
        this.pingAtFullLoad = new boolean[blueprint.pings() * 2];
    }

    Phase phase() {
        return phase;
    }

    /** Opens the channel from this client's own loopback source address and sends the hard reset. */
    Optional<DatagramChannel> start(long nowMillis) {
        startedNanos = System.nanoTime();
        phase = Phase.HANDSHAKING;
        try {
            channel = DatagramChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(source, 0));
            channel.connect(blueprint.server());
        } catch (IOException e) {
            fail("cannot open a socket from " + source.getHostAddress() + ": " + e.getMessage());
            return Optional.empty();
        }
        session = new ClientControlSession(blueprint.sessionConfig());
        session.start(nowMillis);
        flush();
        return Optional.of(channel);
    }

    /** Reads every datagram waiting on the channel. */
    void readable(ByteBuffer buffer, long nowMillis) {
        try {
            while (phase != Phase.DONE) {
                buffer.clear();
                int length = channel.read(buffer);
                if (length <= 0) {
                    return;
                }
                byte[] packet = Arrays.copyOf(buffer.array(), length);
                int opcode = (packet[0] & 0xff) >>> Opcode.KEY_ID_BITS;
                if (opcode == Opcode.DATA_V1.value() || opcode == Opcode.DATA_V2.value()) {
                    data(packet, nowMillis);
                } else {
                    session.receive(packet, nowMillis);
                    events(nowMillis);
                    flush();
                }
            }
        } catch (IOException e) {
            fail("socket error: " + e.getClass().getSimpleName());
        }
    }

    /** Timers: retransmissions, PUSH_REQUEST, pings, keepalive, the handshake deadline, leaving. */
    void tick(long nowMillis) {
        if (phase == Phase.WAITING || phase == Phase.DONE) {
            return;
        }
        var wake = session.nextWakeup();
        if (wake.isPresent() && wake.getAsLong() <= nowMillis) {
            session.tick(nowMillis);
            events(nowMillis);
            flush();
        }
        if (phase == Phase.HANDSHAKING) {
            if ((System.nanoTime() - startedNanos) / 1_000_000 > blueprint.handshakeTimeoutMillis()) {
                fail("not connected within " + blueprint.handshakeTimeoutMillis() / 1000 + " s, "
                        + (pushRequestedMillis >= 0 ? "no PUSH_REPLY/keys" : Double.isNaN(tlsMillis)
                        ? "TLS not done" : "key-method 2 not done"));
            } else if (pushRequestedMillis >= 0 && pushed == null
                    && nowMillis - pushRequestedMillis >= PUSH_REQUEST_INTERVAL_MILLIS) {
                requestPush(nowMillis);
            }
        } else if (phase == Phase.CONNECTED) {
            pings(nowMillis);
            if (run.leaving()) {
                leave(nowMillis);
            } else if (nowMillis - lastSentMillis >= KEEPALIVE_MILLIS) {
                sendPing(nowMillis);
            }
        } else if (phase == Phase.LEAVING) {
            if (session.nextWakeup().isEmpty() || !ccExit) {
                if (ccExit) {
                    figures.exitAcknowledged();
                }
                close();
            } else if (nowMillis - leftAtMillis > LEAVE_WAIT_MILLIS) {
                figures.failure("EXIT not acknowledged within " + LEAVE_WAIT_MILLIS / 1000 + " s");
                close();
            }
        }
    }

    /** Handles the session's events, including those that handling them produced (keys after PUSH_REPLY). */
    private void events(long nowMillis) {
        List<SessionEvent> batch;
        while (phase != Phase.DONE && !(batch = session.drainEvents()).isEmpty()) {
            for (SessionEvent event : batch) {
                if (phase == Phase.DONE) {
                    return;
                }
                event(event, nowMillis);
            }
        }
    }

    private void event(SessionEvent event, long nowMillis) {
        if (event instanceof SessionEvent.TlsEstablished tls && tls.keyId() == 0) {
            tlsMillis = (System.nanoTime() - startedNanos) / 1e6;
        } else if (event instanceof SessionEvent.KeyExchangeComplete complete && complete.keyId() == 0) {
            requestPush(nowMillis);
        } else if (event instanceof SessionEvent.MessageReceived received) {
            message(received.message(), nowMillis);
        } else if (event instanceof SessionEvent.DataKeysReady keys) {
            install(keys, nowMillis);
            keys.key2().wipe();
        } else if (event instanceof SessionEvent.Failed failed) {
            fail("session failed (" + failed.kind() + "): " + failed.message());
        }
    }

    private void requestPush(long nowMillis) {
        if (session.send(new ControlMessage.PushRequest(), nowMillis)) {
            pushRequestedMillis = nowMillis;
        }
    }

    private void message(ControlMessage message, long nowMillis) {
        if (message instanceof ControlMessage.PushReply part && pushed == null) {
            if (assembler.accept(part) instanceof PushReplyAssembler.Assembly.Complete complete) {
                applyPush(complete.options(), nowMillis);
            }
        } else if (message instanceof ControlMessage.AuthFailed failed) {
            fail("AUTH_FAILED: " + failed.reason());
        } else if (message instanceof ControlMessage.Restart) {
            fail("server sent RESTART" + (phase == Phase.CONNECTED ? " while connected" : ""));
        } else if (message instanceof ControlMessage.Halt) {
            fail("server sent HALT");
        } else if (message instanceof ControlMessage.Exit) {
            fail("server sent EXIT");
        }
    }

    private void applyPush(List<String> options, long nowMillis) {
        if (!(PushOptionsParser.parse(options) instanceof PushParseResult.Accepted accepted)) {
            fail("PUSH_REPLY rejected");
            return;
        }
        pushed = accepted.options();
        Optional<DataCipher> chosen = pushed.dataChannel().cipher()
                .flatMap(name -> DataCipher.forName(name, blueprint.dataChannel().authDigest()));
        Optional<PushOptions.Ifconfig> ifconfig = pushed.addressing().ifconfig();
        if (chosen.isEmpty() || ifconfig.isEmpty()) {
            fail("PUSH_REPLY without a usable cipher or ifconfig");
            return;
        }
        cipher = chosen.get();
        framing = pushed.dataChannel().compression().isPresent()
                ? CompressionFraming.of(dev.corridor.profile.DataChannelSettings.Compression.STUB)
                : CompressionFraming.of(blueprint.dataChannel().compression());
        ccExit = pushed.dataChannel().protocolFlags().contains(PushOptions.ProtocolFlag.CC_EXIT);
        try {
            tunnelAddress = (Inet4Address) InetAddress.getByAddress(ifconfig.get().local().toBytes());
        } catch (java.net.UnknownHostException e) {
            fail("bad ifconfig address");
            return;
        }
        session.decideKeyDerivation(pushed.dataChannel().usesTlsEkm() ? KeyDerivation.TLS_EKM : KeyDerivation.PRF,
                nowMillis);
    }

    private void install(SessionEvent.DataKeysReady keys, long nowMillis) {
        if (pushed == null || keys.keyId() != 0 || phase != Phase.HANDSHAKING) {
            return; // no renegotiation in a load run
        }
        DataKeys dataKeys = DataKeys.fromKey2(keys.key2().bytes(), Role.CLIENT);
        sealer = DataChannelSealer.create(cipher, dataKeys.outgoing(), keys.keyId(), pushed.dataChannel().peerId(),
                framing, blueprint.random());
        opener = DataChannelOpener.create(cipher, dataKeys.incoming(), keys.keyId(), framing,
                ReplayWindow.withDefaults(), new DropCounters());
        dataKeys.wipe();
        phase = Phase.CONNECTED;
        figures.handshake(tlsMillis, (System.nanoTime() - startedNanos) / 1e6);
        run.settled(true);
        lastSentMillis = nowMillis;
        nextPingMillis = nowMillis;
    }

    /** Sends the next echo request when one is due: a first round now, a second when the run says so. */
    private void pings(long nowMillis) {
        int rounds = blueprint.pings();
        if (!secondRoundScheduled && run.secondPingRound() && pingsSent >= rounds) {
            secondRoundScheduled = true;
            // spread the second round over a second so that it is not one burst
            nextPingMillis = nowMillis + (index * 7919L) % 1000;
        }
        boolean due = pingsSent < rounds || (secondRoundScheduled && pingsSent < 2 * rounds);
        if (due && nowMillis >= nextPingMillis) {
            boolean fullLoad = pingsSent >= rounds;
            byte[] request = IcmpEcho.request(tunnelAddress, blueprint.serverTunnel(), index & 0xffff, pingsSent, 56);
            pingAtFullLoad[pingsSent] = fullLoad;
            pingSentNanos[pingsSent] = System.nanoTime();
            seal(request, nowMillis);
            pingsSent++;
            nextPingMillis = nowMillis + blueprint.pingIntervalMillis();
        }
        long now = System.nanoTime();
        for (int i = 0; i < pingsSent; i++) {
            if (pingSentNanos[i] != 0 && now - pingSentNanos[i] > PING_LOST_AFTER_MILLIS * 1_000_000) {
                pingSentNanos[i] = 0;
                figures.lostPing(i == 0);
            }
        }
    }

    private void data(byte[] packet, long nowMillis) {
        if (opener == null) {
            return;
        }
        OpenResult result = opener.open(packet, 0, packet.length, openBuffer, 0, nowMillis);
        if (!(result instanceof OpenResult.Payload payload)) {
            return;
        }
        if (payload.kind() == PayloadKind.OCC_EXIT) {
            fail("server sent the OCC exit notification");
        } else if (payload.kind() == PayloadKind.IP_PACKET) {
            byte[] ip = Arrays.copyOfRange(openBuffer, payload.offset(), payload.offset() + payload.length());
            IcmpEcho.parseReply(ip).ifPresent(reply -> {
                int sequence = reply.sequence();
                if (reply.identifier() == (index & 0xffff) && sequence < pingsSent && pingSentNanos[sequence] != 0) {
                    figures.rtt((System.nanoTime() - pingSentNanos[sequence]) / 1e6, pingAtFullLoad[sequence]);
                    pingSentNanos[sequence] = 0;
                }
            });
        }
    }

    private void sendPing(long nowMillis) {
        SealResult result = sealer.sealPing(sendBuffer, 0);
        if (result instanceof SealResult.Sealed sealed) {
            write(sendBuffer, sealed.offset(), sealed.length());
            lastSentMillis = nowMillis;
        }
    }

    private void seal(byte[] ip, long nowMillis) {
        SealResult result = sealer.seal(ip, 0, ip.length, sendBuffer, 0);
        if (result instanceof SealResult.Sealed sealed) {
            write(sendBuffer, sealed.offset(), sealed.length());
            lastSentMillis = nowMillis;
        }
    }

    private void leave(long nowMillis) {
        for (int i = 0; i < pingsSent; i++) {
            if (pingSentNanos[i] != 0) {
                pingSentNanos[i] = 0;
                figures.lostPing(i == 0);
            }
        }
        phase = Phase.LEAVING;
        leftAtMillis = nowMillis;
        if (ccExit) {
            session.send(new ControlMessage.Exit(), nowMillis);
            flush();
        } else {
            SealResult result = sealer.sealOccExit(sendBuffer, 0);
            if (result instanceof SealResult.Sealed sealed) {
                write(sendBuffer, sealed.offset(), sealed.length());
            }
        }
    }

    private void flush() {
        for (byte[] packet : session.drainOutgoing()) {
            write(packet, 0, packet.length);
        }
    }

    private void write(byte[] bytes, int offset, int length) {
        if (phase == Phase.DONE) {
            return;
        }
        try {
            channel.write(ByteBuffer.wrap(bytes, offset, length));
        } catch (IOException e) {
            fail("socket error: " + e.getClass().getSimpleName());
        }
    }

    private void fail(String reason) {
        if (phase == Phase.DONE) {
            return;
        }
        figures.failure(phase == Phase.HANDSHAKING ? "handshake: " + reason : "connected: " + reason);
        if (phase == Phase.HANDSHAKING) {
            run.settled(false);
        }
        close();
    }

    private void close() {
        phase = Phase.DONE;
        if (session != null) {
            session.close();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing a datagram channel does not fail in a way that matters here
        }
        run.done();
    }
}

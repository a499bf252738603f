package dev.corridor.server;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelOpener;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.DropCounters;
import dev.corridor.protocol.data.ReplayWindow;
import dev.corridor.protocol.data.SealResult;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.protocol.session.ServerControlSession;
import dev.corridor.server.config.Ipv4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One client's connection on the endpoint: its control session (owned by the event loop thread),
 * who it is, its tunnel address, and its data-channel keys (read by the receiver thread).
 *
 * <pre>
 *   event loop:  control session, identity, lease, pending sealers, KeyConfirmed ─► publish KeySet
 *   receiver:    keys (volatile) ─► opener[key id] ─► virtual network ─► sealer (under sendLock)
 * </pre>
 *
 * Keys are swapped by publishing a new immutable {@link KeySet}, as the client's data plane does.
 */
final class ClientConnection {
    /** The keys in use: the sealer of the confirmed key (null before the first) and every accepted opener. */
    record KeySet(DataChannelSealer sealer, DataChannelOpener[] openers) {}

    final String id;
    final SessionKey key;
    final ServerControlSession session;
    final int peerId;
    final long startedMillis;
    final DropCounters drops = new DropCounters();
    final Object sendLock = new Object();
    final TrafficMeter traffic = new TrafficMeter();
    private final DataChannelSealer[] pendingSealers = new DataChannelSealer[8];
    private volatile KeySet keys = new KeySet(null, new DataChannelOpener[8]);
    volatile long lastHeardMillis;
    volatile long lastSentMillis;
    volatile boolean connected;
    volatile long connectedAtMillis;
    /** Written by the event loop before the first key is installed; read by the receiver thread. */
    volatile List<String> groups = List.of();
    volatile Optional<Ipv4Address> address = Optional.empty();
    // event loop thread only
    String identity = "";
    DataCipher cipher;
    boolean ccExit;
    boolean peerInfoEkm;
    boolean ending;
    /** What the client sent in key-method 2 (first key): its username and verified certificate's CN. */
    String username = "";
    Optional<String> certificateCn = Optional.empty();
    /** The client connect handler's posture statuses, when a handler ran. */
    Optional<List<String>> postureStatuses = Optional.empty();
    /** The connection as the connection log describes it, once connected. */
    dev.corridor.server.log.LoggedConnection logged;
    /** The client's peer-info (platform, versions). */
    dev.corridor.protocol.keys.PeerInfo peerInfo = dev.corridor.protocol.keys.PeerInfo.empty();
    /** The auth-token pushed to this client (directory authentication). */
    Optional<String> authToken = Optional.empty();
    /** False when the client came back with an auth-token (no login banner then). */
    boolean newSession = true;
    /** True once the PUSH_REPLY went out (asked for, or unasked for clients that take it so). */
    boolean pushSent;
    /** When the maximum session duration ends this connection. */
    long deadlineMillis = Long.MAX_VALUE;
    /** Why the server is ending this connection (RESTART / HALT sent), null while it is not. */
    String dismissal;
    long dismissAtMillis;

    /** A client is known by its address and its control session id. */
    record SessionKey(InetSocketAddress address, long sessionId) {}

    ClientConnection(String id, SessionKey key, ServerControlSession session, int peerId, long nowMillis) {
        this.id = id;
        this.key = key;
        this.session = session;
        this.peerId = peerId;
        this.startedMillis = nowMillis;
        this.lastHeardMillis = nowMillis;
        this.lastSentMillis = nowMillis;
    }

    InetSocketAddress remote() {
        return key.address();
    }

    KeySet keys() {
        return keys;
    }

    /** Installs key {@code keyId} for receiving now; sending switches on {@link #confirm}. */
    synchronized void install(int keyId, Key2 key2, SecureRandom random) {
        DataKeys dataKeys = DataKeys.fromKey2(key2.bytes(), Role.SERVER);
        CompressionFraming framing = CompressionFraming.of(dev.corridor.profile.DataChannelSettings.Compression.NONE);
        pendingSealers[keyId] = DataChannelSealer.create(cipher, dataKeys.outgoing(), keyId, OptionalInt.empty(),
                framing, random);
        DataChannelOpener opener = DataChannelOpener.create(cipher, dataKeys.incoming(), keyId, framing,
                ReplayWindow.withDefaults(), drops);
        dataKeys.wipe();
        KeySet current = keys;
        DataChannelOpener[] openers = current.openers().clone();
        openers[keyId] = opener;
        keys = new KeySet(current.sealer(), openers);
    }

    /**
     * Sends with key {@code keyId} from now on: called when the client acknowledged what it needed
     * for the key, or by the receiver thread when the client's data already arrives on that key
     * (it has the key then, even if its acknowledgement is still on the way).
     */
    synchronized void confirm(int keyId) {
        DataChannelSealer sealer = pendingSealers[keyId];
        if (sealer != null) {
            pendingSealers[keyId] = null;
            keys = new KeySet(sealer, keys.openers());
        }
    }

    /** Stops accepting key {@code keyId}. */
    synchronized void forget(int keyId) {
        KeySet current = keys;
        if (current.sealer() == null || current.sealer().keyId() != keyId) {
            DataChannelOpener[] openers = current.openers().clone();
            openers[keyId] = null;
            keys = new KeySet(current.sealer(), openers);
        }
    }

    /** Drops every data key (the session ended). */
    synchronized void dropKeys() {
        keys = new KeySet(null, new DataChannelOpener[8]);
    }

    /**
     * Seals {@code payload} (an IP packet) or, when {@code payload} is null, a keepalive ping into
     * {@code packet} from offset 0 and answers the packet's length, without allocating;
     * {@link DataChannelSealer#NOT_SEALED} when there is no sending key yet or the key is exhausted.
     */
    int seal(byte[] payload, int length, byte[] packet) {
        DataChannelSealer sealer = keys.sealer();
        if (sealer == null) {
            return DataChannelSealer.NOT_SEALED;
        }
        return payload == null ? sealer.sealPingPacket(packet, 0) : sealer.sealPacket(payload, 0, length, packet, 0);
    }

    /** Seals the OCC exit notification; empty without a sending key. */
    Optional<SealResult.Sealed> sealExit(byte[] packet) {
        DataChannelSealer sealer = keys.sealer();
        if (sealer == null) {
            return Optional.empty();
        }
        SealResult result = sealer.sealOccExit(packet, 0);
        return result instanceof SealResult.Sealed sealed ? Optional.of(sealed) : Optional.empty();
    }

    /** True when the sending key should be renegotiated (packet ids running out). */
    boolean renegotiationDue() {
        DataChannelSealer sealer = keys.sealer();
        return sealer != null && sealer.renegotiationDue();
    }
}

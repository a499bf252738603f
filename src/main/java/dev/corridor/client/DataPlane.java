package dev.corridor.client;

import dev.corridor.protocol.data.CompressionFraming;
import dev.corridor.protocol.data.DataChannelOpener;
import dev.corridor.protocol.data.DataChannelSealer;
import dev.corridor.protocol.data.DataCipher;
import dev.corridor.protocol.data.DataKeys;
import dev.corridor.protocol.data.DropCounters;
import dev.corridor.protocol.data.PayloadKind;
import dev.corridor.protocol.data.ReplayWindow;
import dev.corridor.protocol.data.SealResult;
import dev.corridor.protocol.Role;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.transport.PacketLink;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The data channel of one connection: seals IP packets read from the TUN device and sends them,
 * opens data packets from the network and writes them to the TUN device.
 *
 * <pre>
 *   TUN reader thread:     tun.read ─► sealer(current key) ─► link.send
 *                          (UDP on Linux: tun.read, then tun.readQueued until the queue is empty,
 *                           sealed back to back into a SealedBatch ─► one segmented send)
 *   network reader thread: link.receive ─► data?  ─► opener[key id] ─► IP ─► tun.write
 *                                          control? ─► handed to the session thread
 * </pre>
 *
 * Keys are swapped by publishing a new immutable {@link KeySet} (one volatile reference), so the
 * data threads never take a lock the control path holds. The sealer is shared by the TUN thread
 * and keepalive pings from the session thread; those two synchronise on {@link #sendLock} only,
 * which the control path never holds while doing control work. Buffers are allocated once.
 */
final class DataPlane {
    static final int BUFFER_BYTES = 65536;
    /** {@code -Dcorridor.udp.gso=false} turns UDP segmentation offload off (docs/udp-segmentation.md). */
    static final String SEGMENTATION_PROPERTY = "corridor.udp.gso";

    /** The keys in use: the sealer of the newest key, and openers for every key still accepted. */
    record KeySet(DataChannelSealer sealer, DataChannelOpener[] openers) {}

    private final PacketLink link;
    private final DataCipher cipher;
    private final OptionalInt peerId;
    private final CompressionFraming framing;
    private final SecureRandom random;
    private final Clock clock;
    private final MssClamp mssClamp;
    private final DropCounters drops = new DropCounters();
    private final AtomicReference<KeySet> keys = new AtomicReference<>();
    private final Object sendLock = new Object();
    private final byte[] sendBuffer = new byte[BUFFER_BYTES];
    private final ByteBuffer sendView = ByteBuffer.wrap(sendBuffer);
    private final byte[] pingBuffer = new byte[256];
    private final ByteBuffer pingView = ByteBuffer.wrap(pingBuffer);
    /** Reused by the network reader thread for every packet written to the TUN device. */
    private ByteBuffer deliverWindow;
    private byte[] deliverArray;
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder packetsIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    /** IPv6 packets read from the TUN device while the tunnel carries no IPv6 (the leak guard's catch). */
    final LongAdder ipv6Dropped = new LongAdder();
    volatile long lastSentMillis;
    private volatile TunDevice tun;
    /** Measures the round trip to the gateway, when asked to; its replies never reach the TUN device. */
    private volatile RoundTripProbe probe;
    private volatile boolean forwardIpv6;
    private volatile boolean stopped;

    DataPlane(PacketLink link, DataCipher cipher, OptionalInt peerId, CompressionFraming framing, SecureRandom random,
            Clock clock) {
        this(link, cipher, peerId, framing, random, clock, MssClamp.OFF);
    }

    /** @param mssClamp lowers the MSS of TCP SYNs both ways ({@code mssfix}); {@link MssClamp#OFF} for none */
    DataPlane(PacketLink link, DataCipher cipher, OptionalInt peerId, CompressionFraming framing, SecureRandom random,
            Clock clock, MssClamp mssClamp) {
        this.mssClamp = mssClamp;
        this.link = link;
        this.cipher = cipher;
        this.peerId = peerId;
        this.framing = framing;
        this.random = random;
        this.clock = clock;
    }

    DataCipher cipher() {
        return cipher;
    }

    /** Installs the keys of {@code keyId} as the sending key; older openers stay until {@link #forget}. */
    void install(int keyId, Key2 key2) {
        DataKeys dataKeys = DataKeys.fromKey2(key2.bytes(), Role.CLIENT);
        DataChannelSealer sealer = DataChannelSealer.create(cipher, dataKeys.outgoing(), keyId, peerId, framing,
                random);
        DataChannelOpener opener = DataChannelOpener.create(cipher, dataKeys.incoming(), keyId, framing,
                ReplayWindow.withDefaults(), drops);
        dataKeys.wipe();
        KeySet previous = keys.get();
        DataChannelOpener[] openers = previous == null ? new DataChannelOpener[8] : previous.openers().clone();
        openers[keyId] = opener;
        keys.set(new KeySet(sealer, openers));
    }

    /** Stops accepting packets of {@code keyId} (its lame-duck time is over). */
    void forget(int keyId) {
        KeySet current = keys.get();
        if (current != null && current.sealer().keyId() != keyId) {
            DataChannelOpener[] openers = current.openers().clone();
            openers[keyId] = null;
            keys.set(new KeySet(current.sealer(), openers));
        }
    }

    /** Points a reusable buffer at {@code length} bytes from {@code offset}, without allocating. */
    private static ByteBuffer window(ByteBuffer buffer, int offset, int length) {
        buffer.limit(offset + length).position(offset);
        return buffer;
    }

    /** The keys in use now (tests and benchmarks look at the openers' replay windows). */
    KeySet currentKeys() {
        return keys.get();
    }

    boolean ready() {
        return keys.get() != null;
    }

    DropCounters drops() {
        return drops;
    }

    /** True when the sending key is close to exhausting its packet ids and should be renegotiated. */
    boolean renegotiationDue() {
        KeySet current = keys.get();
        return current != null && current.sealer().renegotiationDue();
    }

    /**
     * Gives the data plane its TUN device. {@code forwardIpv6} is false when the server pushed no IPv6
     * address: IPv6 packets that reach the device (routed there by the IPv6 leak guard, or by a profile's
     * own route-ipv6 lines) are then dropped and counted instead of being sent to a server that cannot
     * carry them.
     */
    void attach(TunDevice device, boolean forwardIpv6) {
        this.forwardIpv6 = forwardIpv6;
        this.tun = device;
    }

    /** Sends a keepalive ping on the current key (session thread). */
    void sendPing() throws IOException {
        KeySet current = keys.get();
        if (current == null) {
            return;
        }
        synchronized (sendLock) {
            int length = current.sealer().sealPingPacket(pingBuffer, 0);
            if (length != DataChannelSealer.NOT_SEALED) {
                link.send(window(pingView, 0, length));
                lastSentMillis = clock.millis();
            }
        }
    }

    /** Starts measuring the round trip with {@code roundTrip} (see {@link #sendProbe}). */
    void probe(RoundTripProbe roundTrip) {
        this.probe = roundTrip;
    }

    /** The round-trip probe, if one is set. */
    RoundTripProbe probe() {
        return probe;
    }

    /**
     * Sends the probe's next echo request through the tunnel (session thread); not counted as TUN
     * traffic, so the statistics and the {@code inactive} timer see only the user's packets.
     */
    void sendProbe() throws IOException {
        KeySet current = keys.get();
        RoundTripProbe roundTrip = probe;
        if (current == null || roundTrip == null) {
            return;
        }
        synchronized (sendLock) {
            byte[] request = roundTrip.request(System.nanoTime());
            SealResult result = current.sealer().seal(request, 0, request.length, sendBuffer, 0);
            if (result instanceof SealResult.Sealed sealed) {
                link.send(window(sendView, sealed.offset(), sealed.length()));
                lastSentMillis = clock.millis();
            }
        }
    }

    /** Sends the OCC exit notification (UDP without cc-exit). */
    void sendExitNotification() throws IOException {
        KeySet current = keys.get();
        if (current == null) {
            return;
        }
        synchronized (sendLock) {
            SealResult result = current.sealer().sealOccExit(pingBuffer, 0);
            if (result instanceof SealResult.Sealed sealed) {
                link.send(window(pingView, sealed.offset(), sealed.length()));
            }
        }
    }

    /** Makes the TUN reader loop return; the device itself stays open for the next attempt. */
    void stop() {
        stopped = true;
    }

    /** The TUN reader loop; returns when stopped, when the TUN device closes, or when the link fails. */
    void runTunReader() {
        TunDevice device = tun;
        ByteBuffer packet = ByteBuffer.allocate(BUFFER_BYTES);
        boolean ipv6 = forwardIpv6;
        SealedBatch batch = Boolean.parseBoolean(System.getProperty(SEGMENTATION_PROPERTY, "true"))
                ? link.segmentedSend().map(send -> new SealedBatch(send, link, bytesOut, packetsOut)).orElse(null)
                : null;
        try {
            while (!stopped && batch != null && batch.segmenting()) {
                int length = device.read(packet);
                if (length < 0) {
                    return;
                }
                if (length > 0) {
                    sealBurst(device, packet, length, batch, ipv6);
                }
            }
            while (!stopped) {
                int length = device.read(packet);
                if (length < 0) {
                    return;
                }
                if (!ipv6 && length > 0 && (packet.get(0) & 0xf0) == 0x60) {
                    ipv6Dropped.increment(); // IP version 6 and the tunnel has no IPv6
                    continue;
                }
                if (length > 0) {
                    sealAndSend(packet.array(), length);
                }
            }
        } catch (IOException e) {
            // the link or device closed under us while the connection ends; the session thread decides
        }
    }

    /**
     * Seals the IP packet in {@code packet} and every packet already queued behind it on the device
     * into {@code batch}, and sends them in as few segmented sends as the size rule allows (TUN reader
     * thread). Allocates nothing.
     */
    private void sealBurst(TunDevice device, ByteBuffer packet, int first, SealedBatch batch, boolean ipv6)
            throws IOException {
        KeySet current = keys.get();
        if (current == null) {
            return;
        }
        DataChannelSealer sealer = current.sealer();
        synchronized (sendLock) {
            long sentBefore = batch.sentPackets();
            int length = first;
            while (length > 0) {
                if (ipv6 || (packet.get(0) & 0xf0) != 0x60) {
                    mssClamp.clamp(packet.array(), 0, length);
                    batch.reserve(sealer.requiredCapacity(length));
                    int sealed = sealer.sealPacket(packet.array(), 0, length, batch.buffer(), batch.offset());
                    if (sealed == DataChannelSealer.NOT_SEALED) {
                        break;
                    }
                    batch.added(sealed, length);
                } else {
                    ipv6Dropped.increment(); // IP version 6 and the tunnel has no IPv6
                }
                if (batch.pending() == 0 && !batch.segmenting()) {
                    break;
                }
                length = device.readQueued(packet);
            }
            batch.flush();
            if (batch.sentPackets() != sentBefore) {
                lastSentMillis = clock.millis();
            }
        }
    }

    /**
     * Seals one IP packet read from the TUN device with the current key and sends it (TUN reader
     * thread). Allocates nothing. Returns false when there is no key yet or its packet ids are used up.
     */
    boolean sealAndSend(byte[] ip, int length) throws IOException {
        KeySet current = keys.get();
        if (current == null) {
            return false;
        }
        mssClamp.clamp(ip, 0, length);
        synchronized (sendLock) {
            int sealed = current.sealer().sealPacket(ip, 0, length, sendBuffer, 0);
            if (sealed == DataChannelSealer.NOT_SEALED) {
                return false;
            }
            link.send(window(sendView, 0, sealed));
            lastSentMillis = clock.millis();
            bytesOut.add(length);
            packetsOut.increment();
            return true;
        }
    }

    /**
     * Opens one data packet from the network (network reader thread). Returns what it carried so the
     * caller can note pings and exit notifications.
     */
    PayloadKind openAndDeliver(byte[] packet, int length, byte[] out) throws IOException {
        KeySet current = keys.get();
        if (current == null || length < 1) {
            return PayloadKind.UNRECOGNISED;
        }
        int keyId = packet[0] & 0x07;
        DataChannelOpener opener = current.openers()[keyId];
        if (opener == null) {
            drops.record(dev.corridor.protocol.data.DropReason.UNKNOWN_KEY_ID);
            return PayloadKind.UNRECOGNISED;
        }
        if (!opener.openPacket(packet, 0, length, out, 0, clock.millis())) {
            return PayloadKind.UNRECOGNISED;
        }
        PayloadKind kind = opener.payloadKind();
        if (kind == PayloadKind.IP_PACKET) {
            TunDevice device = tun;
            RoundTripProbe roundTrip = probe;
            if (roundTrip != null && roundTrip.consume(out, opener.payloadOffset(), opener.payloadLength(),
                    System.nanoTime())) {
                return kind; // the probe's reply: measured, not for the TUN device
            }
            if (device != null) {
                if (deliverArray != out) {
                    deliverArray = out; // the reader thread passes the same array every time
                    deliverWindow = ByteBuffer.wrap(out);
                }
                int payloadLength = opener.payloadLength();
                mssClamp.clamp(out, opener.payloadOffset(), payloadLength);
                device.write(window(deliverWindow, opener.payloadOffset(), payloadLength));
                bytesIn.add(payloadLength);
                packetsIn.increment();
            }
        }
        return kind;
    }
}

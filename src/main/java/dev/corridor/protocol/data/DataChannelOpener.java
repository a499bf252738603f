package dev.corridor.protocol.data;

import java.util.Objects;

/**
 * Opens incoming data packets for one key state: checks the opcode and key id, authenticates and
 * decrypts, then applies the replay window, undoes compression framing and classifies the payload
 * (protocol.md §5). One per key state, used by one thread at a time (the network reader).
 *
 * <pre>
 *  packet ─▶ opcode DATA_V1/V2? ─no─▶ BAD_OPCODE
 *            key id = ours?     ─no─▶ UNKNOWN_KEY_ID
 *            long enough?       ─no─▶ TRUNCATED
 *            fits output?       ─no─▶ TOO_LARGE
 *            authentic?         ─no─▶ AUTH_FAILED   (CBC also: MALFORMED)
 *            replay window      ─no─▶ INVALID_PACKET_ID / REPLAYED / TOO_OLD
 *              (commit only now, after authentication)
 *            compression framing─no─▶ COMPRESSED / BAD_COMPRESSION_HEADER
 *            ─▶ Payload(offset, length, kind, packetId)
 * </pre>
 *
 * <p>Never throws for any packet bytes; every drop is counted in {@link DropCounters}. Allocation
 * per packet: {@link #openPacket} allocates nothing of its own. With {@link #open} a drop allocates
 * nothing (one shared {@link OpenResult.Dropped} per reason) and a payload allocates the
 * {@link OpenResult.Payload} record (32 bytes) unless C2 inlines {@link #open} and scalar-replaces
 * it (docs/benchmarks.md shows how often it works). What the ciphers allocate is documented on
 * {@link AeadDecryptor} (SunJCE, AES-GCM), {@link DirectAeadDecryptor} (nothing) and
 * {@link CbcHmacDecryptor}.
 */
public final class DataChannelOpener {
    private final DataCipher cipher;
    private final PayloadDecryptor decryptor;
    private final int keyId;
    private final CompressionFraming framing;
    private final ReplayWindow replayWindow;
    private final DropCounters dropCounters;
    /** Where {@link #openInto} left the last payload. */
    private int openedOffset;
    private int openedLength;
    private PayloadKind openedKind;
    private long openedPacketId;
    private DropReason lastDropReason;

    private DataChannelOpener(DataCipher cipher, PayloadDecryptor decryptor, int keyId, CompressionFraming framing,
            ReplayWindow replayWindow, DropCounters dropCounters) {
        this.cipher = cipher;
        this.decryptor = decryptor;
        this.keyId = keyId;
        this.framing = framing;
        this.replayWindow = replayWindow;
        this.dropCounters = dropCounters;
    }

    /**
     * @param cipher       the negotiated cipher
     * @param keys         the keys this side decrypts with ({@link DataKeys#incoming()})
     * @param keyId        the key state's id, 0..7
     * @param framing      the compression framing in force
     * @param replayWindow a window for this key alone (e.g. {@link ReplayWindow#withDefaults()})
     * @param dropCounters where drops are counted; may be shared by the openers of one connection
     */
    public static DataChannelOpener create(DataCipher cipher, DirectionKeys keys, int keyId, CompressionFraming framing,
            ReplayWindow replayWindow, DropCounters dropCounters) {
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(replayWindow, "replayWindow");
        Objects.requireNonNull(dropCounters, "dropCounters");
        DataPacketHeader.requireKeyId(keyId);
        return new DataChannelOpener(cipher, CipherEngines.decryptor(cipher, keys), keyId, framing, replayWindow,
                dropCounters);
    }

    /** As {@link #create}, with the AEAD implementation chosen by the caller (tests and benchmarks compare them). */
    static DataChannelOpener create(AeadCipher cipher, DirectionKeys keys, int keyId, CompressionFraming framing,
            ReplayWindow replayWindow, DropCounters dropCounters, CipherEngines.AeadEngine engine) {
        create(cipher, keys, keyId, framing, replayWindow, dropCounters); // the same argument checks
        return new DataChannelOpener(cipher, CipherEngines.decryptor(cipher, keys, engine), keyId, framing,
                replayWindow, dropCounters);
    }

    /**
     * Opens one packet.
     *
     * @param packet    the received bytes; not changed
     * @param out       receives the payload; {@link #requiredOutputCapacity(int)} bytes from
     *                  {@code outOffset} are enough. Use a different array from {@code packet}
     *                  (the same one works, but then the JCE copies the input)
     * @param nowMillis local time, for the replay window's time backtrack
     */
    public OpenResult open(byte[] packet, int offset, int length, byte[] out, int outOffset, long nowMillis) {
        // Kept small so that the JIT inlines it into the caller and can scalar-replace the record.
        DropReason dropped = openInto(packet, offset, length, out, outOffset, nowMillis);
        if (dropped != null) {
            return OpenResult.Dropped.of(dropped);
        }
        return new OpenResult.Payload(openedOffset, openedLength, openedKind, openedPacketId);
    }

    /**
     * Opens like {@link #open} but allocates nothing whatever the JIT does: answers true when a
     * payload is ready ({@link #payloadOffset()}, {@link #payloadLength()}, {@link #payloadKind()},
     * {@link #payloadPacketId()}), false when the packet was dropped and counted
     * ({@link #lastDropReason()}). This is the data path's form; {@link #open} is the convenient one.
     */
    public boolean openPacket(byte[] packet, int offset, int length, byte[] out, int outOffset, long nowMillis) {
        lastDropReason = openInto(packet, offset, length, out, outOffset, nowMillis);
        return lastDropReason == null;
    }

    /** Where the payload of the last successful {@link #openPacket} starts in the output buffer. */
    public int payloadOffset() {
        return openedOffset;
    }

    /** The length of the payload of the last successful {@link #openPacket}. */
    public int payloadLength() {
        return openedLength;
    }

    /** What the payload of the last successful {@link #openPacket} is. */
    public PayloadKind payloadKind() {
        return openedKind;
    }

    /** The packet id of the last successful {@link #openPacket}. */
    public long payloadPacketId() {
        return openedPacketId;
    }

    /** Why the last {@link #openPacket} dropped its packet; null after a successful one. */
    public DropReason lastDropReason() {
        return lastDropReason;
    }

    /**
     * Does the work of {@link #open}: answers {@code null} with the {@code opened*} fields set, or
     * the reason the packet was dropped (already counted).
     */
    private DropReason openInto(byte[] packet, int offset, int length, byte[] out, int outOffset, long nowMillis) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        Objects.checkIndex(outOffset, out.length + 1);
        if (length < 1) {
            return drop(DropReason.TRUNCATED);
        }
        byte first = packet[offset];
        int headerLength = DataPacketHeader.headerLength(first);
        if (headerLength == 0) {
            return drop(DropReason.BAD_OPCODE);
        }
        if (DataPacketHeader.keyId(first) != keyId) {
            return drop(DropReason.UNKNOWN_KEY_ID);
        }
        if (length < headerLength + decryptor.minimumLength()) {
            return drop(DropReason.TRUNCATED);
        }
        if (out.length - outOffset < decryptor.requiredOutputRoom(length - headerLength)) {
            return drop(DropReason.TOO_LARGE);
        }
        DropReason failure = decryptor.decrypt(packet, offset, headerLength, length, out, outOffset);
        if (failure != null) {
            return drop(failure);
        }
        long packetId = decryptor.packetId();
        switch (replayWindow.checkAndCommit(packetId, nowMillis)) {
            case ACCEPTABLE -> {
                // fresh: go on
            }
            case INVALID_ID -> {
                return drop(DropReason.INVALID_PACKET_ID);
            }
            case REPLAYED -> {
                return drop(DropReason.REPLAYED);
            }
            case OUTSIDE_WINDOW, EXPIRED, TIME_BACKTRACK -> {
                return drop(DropReason.TOO_OLD);
            }
        }
        int payloadOffset = decryptor.plaintextOffset();
        int payloadLength = decryptor.plaintextLength();
        Deframing deframing = framing.deframe(out, payloadOffset, payloadLength);
        if (!deframing.accepted()) {
            return drop(deframing.dropReason().orElseThrow());
        }
        openedOffset = payloadOffset + deframing.offsetShift();
        openedLength = payloadLength - deframing.lengthReduction();
        openedKind = PayloadKind.classify(out, openedOffset, openedLength);
        openedPacketId = packetId;
        return null;
    }

    private DropReason drop(DropReason reason) {
        dropCounters.record(reason);
        return reason;
    }

    /** Output bytes needed (from the output offset) to open any packet of this length. */
    public int requiredOutputCapacity(int packetLength) {
        return decryptor.requiredOutputRoom(packetLength - DataPacketHeader.V1_LENGTH);
    }

    public int keyId() {
        return keyId;
    }

    public DataCipher cipher() {
        return cipher;
    }

    public DropCounters dropCounters() {
        return dropCounters;
    }

    public ReplayWindow replayWindow() {
        return replayWindow;
    }

    @Override
    public String toString() {
        return "DataChannelOpener[" + cipher.openVpnName() + ", key " + keyId + ", " + replayWindow + "]";
    }
}

package dev.corridor.protocol.data;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Builds outgoing data packets for one key state: header, packet id, compression framing and
 * encryption (protocol.md §5.1, §5.2, §5.4, §5.7). One per key state. Not thread-safe: the TUN
 * reader and whoever sends pings must share a lock.
 *
 * <pre>
 *  header  P_DATA_V2 [0x48|key_id][peer_id 3]   when the server pushed a peer-id
 *          P_DATA_V1 [0x30|key_id]              otherwise
 *  packet id   1, 2, 3, ...  never wraps:
 *      ≥ 0xFF000000  → Sealed.renegotiateSoon = true
 *      = 0xFFFFFFFF  is the last one; after it every seal is Refused.PACKET_IDS_EXHAUSTED
 *
 *  caller's packet buffer: [header][crypto part ..................][working room]
 *                          ▲ packetOffset   requiredCapacity(payloadLength) bytes in all
 * </pre>
 *
 * <p>Allocation: {@link #sealPacket} allocates nothing of its own. {@link #seal} adds the
 * {@link SealResult.Sealed} record (32 bytes) unless C2 inlines it and scalar-replaces the record,
 * which varies from run to run (docs/benchmarks.md). The framing buffer grows only when a larger
 * payload than before needs framing. What the ciphers allocate is documented on
 * {@link AeadEncryptor} (SunJCE, AES-GCM), {@link DirectAeadEncryptor} (nothing) and
 * {@link CbcHmacEncryptor}.
 */
public final class DataChannelSealer {
    /** OpenVPN's PACKET_ID_WRAP_TRIGGER: from this id on, ask for a renegotiation. */
    public static final long RENEGOTIATE_AT = 0xFF00_0000L;
    /** The last packet id that may be sent with one key. */
    public static final long LAST_PACKET_ID = 0xFFFF_FFFFL;
    /** What {@link #sealPacket} answers when the packet ids are exhausted. */
    public static final int NOT_SEALED = -1;

    private final DataCipher cipher;
    private final PayloadEncryptor encryptor;
    private final int keyId;
    private final int peerId;
    private final int headerLength;
    private final CompressionFraming framing;
    /** Framed copy of the payload, used only when framing adds bytes. */
    private byte[] framed = new byte[2048];
    private long lastPacketId;
    /** Length of the packet {@link #sealInto} wrote last. */
    private int sealedLength;

    private DataChannelSealer(DataCipher cipher, PayloadEncryptor encryptor, int keyId, int peerId,
            CompressionFraming framing) {
        this.cipher = cipher;
        this.encryptor = encryptor;
        this.keyId = keyId;
        this.peerId = peerId;
        this.headerLength = peerId == DataPacketHeader.NO_PEER_ID
                ? DataPacketHeader.V1_LENGTH
                : DataPacketHeader.V2_LENGTH;
        this.framing = framing;
    }

    /**
     * @param cipher  the negotiated cipher
     * @param keys    the keys this side encrypts with ({@link DataKeys#outgoing()})
     * @param keyId   the key state's id, 0..7
     * @param peerId  the pushed {@code peer-id} (0..0xFFFFFF) to send P_DATA_V2, or empty for P_DATA_V1
     * @param framing the compression framing in force
     * @param random  seeds the CBC IV nonces; unused by AEAD ciphers
     */
    public static DataChannelSealer create(DataCipher cipher, DirectionKeys keys, int keyId, OptionalInt peerId,
            CompressionFraming framing, SecureRandom random) {
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(random, "random");
        DataPacketHeader.requireKeyId(keyId);
        int peer = peerId.orElse(DataPacketHeader.NO_PEER_ID);
        if (peerId.isPresent() && (peer < 0 || peer > DataPacketHeader.MAX_PEER_ID)) {
            throw new IllegalArgumentException("peer id must be 0..0xFFFFFF, got " + peer);
        }
        return new DataChannelSealer(cipher, CipherEngines.encryptor(cipher, keys, random), keyId, peer, framing);
    }

    /** As {@link #create}, with the AEAD implementation chosen by the caller (tests and benchmarks compare them). */
    static DataChannelSealer create(AeadCipher cipher, DirectionKeys keys, int keyId, OptionalInt peerId,
            CompressionFraming framing, CipherEngines.AeadEngine engine) {
        DataChannelSealer checked = create(cipher, keys, keyId, peerId, framing, new SecureRandom());
        return new DataChannelSealer(cipher, CipherEngines.encryptor(cipher, keys, engine), keyId, checked.peerId,
                framing);
    }

    /**
     * Seals one payload (an IP packet, usually) into {@code packet}.
     *
     * @param payload the cleartext; must not overlap the packet buffer area being written
     * @param packet  receives the packet at {@code packetOffset}; needs
     *                {@link #requiredCapacity(int) requiredCapacity(length)} bytes from there
     * @throws IllegalArgumentException when the packet buffer is too small (a caller bug, not input)
     */
    public SealResult seal(byte[] payload, int offset, int length, byte[] packet, int packetOffset) {
        // Kept small so that the JIT inlines it into the caller and can scalar-replace the record.
        long packetId = sealInto(payload, offset, length, packet, packetOffset);
        if (packetId == 0) {
            return SealResult.Refused.PACKET_IDS_EXHAUSTED;
        }
        return new SealResult.Sealed(packetOffset, sealedLength, packetId, packetId >= RENEGOTIATE_AT);
    }

    /**
     * Seals like {@link #seal} but answers only the packet's length, or {@link #NOT_SEALED} when the
     * packet ids are exhausted, so that nothing at all is allocated whatever the JIT does; the packet
     * starts at {@code packetOffset}, and {@link #lastPacketId()} and {@link #renegotiationDue()} tell
     * the rest. This is the data path's form; {@link #seal} is the convenient one.
     */
    public int sealPacket(byte[] payload, int offset, int length, byte[] packet, int packetOffset) {
        return sealInto(payload, offset, length, packet, packetOffset) == 0 ? NOT_SEALED : sealedLength;
    }

    /** {@link #sealPing} in the form of {@link #sealPacket}. */
    public int sealPingPacket(byte[] packet, int packetOffset) {
        byte[] ping = PingMessage.constant();
        return sealPacket(ping, 0, ping.length, packet, packetOffset);
    }

    /** Does the work of {@link #seal}; answers the packet id used, or 0 when the ids are exhausted. */
    private long sealInto(byte[] payload, int offset, int length, byte[] packet, int packetOffset) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (lastPacketId >= LAST_PACKET_ID) {
            return 0;
        }
        int added = framing.addedLength(payload, offset, length);
        int framedLength = length + added;
        int needed = headerLength + encryptor.requiredRoom(framedLength);
        if (packetOffset < 0 || packet.length - packetOffset < needed) {
            throw new IllegalArgumentException("packet buffer needs " + needed + " bytes from offset "
                    + packetOffset + ", has " + (packet.length - packetOffset));
        }
        byte[] plaintext = payload;
        int plaintextOffset = offset;
        if (added != 0) {
            if (framed.length < framedLength) {
                framed = new byte[framedLength];
            }
            framing.frame(payload, offset, length, framed, 0);
            plaintext = framed;
            plaintextOffset = 0;
        }
        long packetId = ++lastPacketId;
        if (headerLength == DataPacketHeader.V2_LENGTH) {
            DataPacketHeader.writeV2(packet, packetOffset, keyId, peerId);
        } else {
            DataPacketHeader.writeV1(packet, packetOffset, keyId);
        }
        sealedLength = headerLength
                + encryptor.encrypt(packetId, packet, packetOffset, headerLength,
                        plaintext, plaintextOffset, framedLength);
        return packetId;
    }

    /** Seals the 16-byte keepalive ping (protocol.md §0). */
    public SealResult sealPing(byte[] packet, int packetOffset) {
        byte[] ping = PingMessage.constant();
        return seal(ping, 0, ping.length, packet, packetOffset);
    }

    /** Seals the OCC EXIT message (protocol.md §5.8), sent when disconnecting without cc-exit. */
    public SealResult sealOccExit(byte[] packet, int packetOffset) {
        byte[] exit = OccMessage.exitConstant();
        return seal(exit, 0, exit.length, packet, packetOffset);
    }

    /** Bytes the packet buffer must offer from its offset to seal a payload of this length. */
    public int requiredCapacity(int payloadLength) {
        return headerLength + encryptor.requiredRoom(payloadLength + CompressionFraming.MAX_ADDED_LENGTH);
    }

    /** Whether the packet ids have reached the renegotiation trigger (or run out). */
    public boolean renegotiationDue() {
        return lastPacketId >= RENEGOTIATE_AT;
    }

    /** Whether no more packets can be sealed with this key. */
    public boolean exhausted() {
        return lastPacketId >= LAST_PACKET_ID;
    }

    /** The packet id of the last sealed packet, 0 before the first. */
    public long lastPacketId() {
        return lastPacketId;
    }

    /** 1 for P_DATA_V1, 4 for P_DATA_V2. */
    public int headerLength() {
        return headerLength;
    }

    public int keyId() {
        return keyId;
    }

    public DataCipher cipher() {
        return cipher;
    }

    /**
     * Test hook: continue numbering after {@code packetId}, to exercise the renegotiation trigger and
     * exhaustion without sealing four billion packets.
     */
    void skipTo(long packetId) {
        if (packetId < lastPacketId || packetId > LAST_PACKET_ID) {
            throw new IllegalArgumentException("cannot move packet id from " + lastPacketId + " to " + packetId);
        }
        lastPacketId = packetId;
    }

    @Override
    public String toString() {
        return "DataChannelSealer[" + cipher.openVpnName() + ", key " + keyId
                + (peerId == DataPacketHeader.NO_PEER_ID ? ", P_DATA_V1" : ", P_DATA_V2 peer " + peerId)
                + ", last id " + lastPacketId + "]";
    }
}

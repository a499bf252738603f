package dev.corridor.protocol.tls.wrap;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Decoded;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tls-crypt (v1) wrap (protocol.md 2.3): encrypts and authenticates every control packet with a
 * static key, AES-256-CTR plus HMAC-SHA256 in a synthetic-IV construction.
 *
 * <pre>
 *   on the wire:
 *   off  size  field
 *   0    1     opcode &lt;&lt; 3 | keyId          \
 *   1    8     own session id                 |  header: in the clear, authenticated
 *   9    4     replay packet-id               |
 *   13   4     replay time                   /
 *   17   32    tag = HMAC-SHA256(Ka, header | plaintext)
 *   49   ...   AES-256-CTR(Ke, IV = tag[0..16), plaintext)
 *              plaintext = n | acks | peer session id | message id | payload
 *
 *   unwrap: length check -> decrypt -> recompute tag, constant-time compare -> replay window -> body
 * </pre>
 *
 * Keys: the server sends with key[0] and receives with key[1] (NORMAL), the client the other way
 * round (INVERSE). Ke is the first 32 bytes of the cipher half, Ka the first 32 bytes of the hmac
 * half. The tls-crypt-v2 opcodes (which append a wrapped client key) are refused here.
 * One instance per session.
 */
public final class TlsCryptWrap implements ControlWrap {
    /** Offset of the replay packet-id (TLS_CRYPT_OFF_PID). */
    public static final int PACKET_ID_OFFSET = ControlPacketCodec.HEADER_LENGTH;
    /** Offset of the tag (TLS_CRYPT_OFF_TAG). */
    public static final int TAG_OFFSET = PACKET_ID_OFFSET + LongPacketId.LENGTH;
    /** Length of the tag. */
    public static final int TAG_LENGTH = 32;
    /** Offset of the ciphertext (TLS_CRYPT_OFF_CT). */
    public static final int CIPHERTEXT_OFFSET = TAG_OFFSET + TAG_LENGTH;

    private static final int KEY_LENGTH = 32;
    private static final int IV_LENGTH = 16;
    private static final int BLOCK_LENGTH = 16;
    private static final String HMAC = "HmacSHA256";
    private static final String CTR = "AES/CTR/NoPadding";

    private final Role role;
    private final SecretKeySpec sendCipherKey;
    private final SecretKeySpec receiveCipherKey;
    private final Mac sendMac;
    private final Mac receiveMac;
    private final Cipher cipher;
    private final LongPacketIdCounter counter = new LongPacketIdCounter();
    private final LongPacketIdWindow window;

    /** A tls-crypt wrap for this side with the default replay window (64 packets, 15 s). */
    public TlsCryptWrap(StaticKey key, Role role) {
        this(key, role, new LongPacketIdWindow());
    }

    /** A tls-crypt wrap for this side that checks replays with {@code window}. */
    public TlsCryptWrap(StaticKey key, Role role, LongPacketIdWindow window) {
        this.role = Objects.requireNonNull(role, "role");
        this.window = Objects.requireNonNull(window, "window");
        KeyDirection direction = KeyDirection.forTlsCrypt(role);
        this.sendCipherKey = aesKey(key.cipherPart(direction.sendKeyIndex()));
        this.receiveCipherKey = aesKey(key.cipherPart(direction.receiveKeyIndex()));
        this.sendMac = hmac(key.hmacPart(direction.sendKeyIndex()));
        this.receiveMac = hmac(key.hmacPart(direction.receiveKeyIndex()));
        try {
            this.cipher = Cipher.getInstance(CTR);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCE lacks " + CTR, e);
        }
    }

    private static SecretKeySpec aesKey(byte[] cipherPart) {
        SecretKeySpec spec = new SecretKeySpec(cipherPart, 0, KEY_LENGTH, "AES");
        Arrays.fill(cipherPart, (byte) 0);
        return spec;
    }

    private static Mac hmac(byte[] hmacPart) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(hmacPart, 0, KEY_LENGTH, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCE lacks " + HMAC, e);
        } finally {
            Arrays.fill(hmacPart, (byte) 0);
        }
    }

    @Override
    public byte[] wrap(ControlPacket packet, long nowSeconds) {
        if (packet.opcode().isTlsCryptV2()) {
            throw new IllegalArgumentException(packet.opcode() + " needs the tls-crypt-v2 wrap");
        }
        byte[] plaintext = ControlPacketCodec.encodeBody(packet);
        LongPacketId packetId = counter.next(nowSeconds);
        byte[] wire = new byte[CIPHERTEXT_OFFSET + plaintext.length];
        ByteBuffer header = ByteBuffer.wrap(wire);
        header.put(packet.opcode().firstByte(packet.keyId()));
        packet.sessionId().writeTo(header);
        packetId.writeTo(header);
        sendMac.update(wire, 0, TAG_OFFSET);
        sendMac.update(plaintext);
        byte[] tag = sendMac.doFinal();
        System.arraycopy(tag, 0, wire, TAG_OFFSET, TAG_LENGTH);
        ctr(Cipher.ENCRYPT_MODE, sendCipherKey, tag, plaintext, 0, plaintext.length, wire, CIPHERTEXT_OFFSET);
        return wire;
    }

    @Override
    public Unwrapped unwrap(byte[] wire, long nowSeconds) {
        if (wire.length < 1) {
            return new Unwrapped.Malformed("empty packet");
        }
        Optional<Opcode> opcode = Opcode.fromByte(wire[0]);
        if (opcode.isEmpty() || opcode.get().isData()) {
            return new Unwrapped.Malformed("not a control opcode");
        }
        if (opcode.get().isTlsCryptV2()) {
            return new Unwrapped.Malformed(opcode.get() + " needs the tls-crypt-v2 wrap");
        }
        if (wire.length < CIPHERTEXT_OFFSET) {
            return new Unwrapped.Malformed("shorter than the tls-crypt header");
        }
        byte[] plaintext = new byte[wire.length - CIPHERTEXT_OFFSET];
        ctr(Cipher.DECRYPT_MODE, receiveCipherKey, Arrays.copyOfRange(wire, TAG_OFFSET, CIPHERTEXT_OFFSET), wire,
                CIPHERTEXT_OFFSET, plaintext.length, plaintext, 0);
        receiveMac.update(wire, 0, TAG_OFFSET);
        receiveMac.update(plaintext);
        byte[] expected = receiveMac.doFinal();
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(wire, TAG_OFFSET, CIPHERTEXT_OFFSET))) {
            return new Unwrapped.Unauthentic("tls-crypt tag mismatch");
        }
        LongPacketId packetId = LongPacketId.read(wire, PACKET_ID_OFFSET);
        if (!window.accept(packetId, nowSeconds)) {
            return new Unwrapped.Replayed(packetId.id(), packetId.time());
        }
        Decoded<ControlPacket> body = ControlPacketCodec.decodeBody(opcode.get(), Opcode.keyIdOf(wire[0]),
                SessionId.of(Arrays.copyOfRange(wire, 1, PACKET_ID_OFFSET)), plaintext, 0, plaintext.length);
        if (body instanceof Decoded.Ok<ControlPacket> ok) {
            return new Unwrapped.Ok(ok.value());
        }
        return new Unwrapped.Malformed(((Decoded.Malformed<ControlPacket>) body).reason());
    }

    /** AES-256-CTR with the first 16 bytes of {@code tag} as the initial counter block. */
    private void ctr(int mode, SecretKeySpec key, byte[] tag, byte[] input, int inputOffset, int length,
            byte[] output, int outputOffset) {
        try {
            cipher.init(mode, key, new IvParameterSpec(tag, 0, IV_LENGTH));
            cipher.doFinal(input, inputOffset, length, output, outputOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }

    /** 8 bytes of replay packet-id, 32 of tag, and one cipher block that 2.x reserves. */
    @Override
    public int overhead() {
        return LongPacketId.LENGTH + TAG_LENGTH + BLOCK_LENGTH;
    }

    @Override
    public String toString() {
        return "TlsCryptWrap[" + role + "]";
    }
}

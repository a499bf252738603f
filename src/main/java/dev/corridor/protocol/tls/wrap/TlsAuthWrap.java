package dev.corridor.protocol.tls.wrap;

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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tls-auth wrap (protocol.md 2.2): an HMAC over every control packet with a static key, plus a
 * long-form replay packet-id, so that packets from anyone without the key are dropped before TLS.
 *
 * <pre>
 *   on the wire:
 *   off      size  field
 *   0        1     opcode &lt;&lt; 3 | keyId
 *   1        8     own session id
 *   9        H     HMAC  (H = 20 SHA1, 32 SHA256, 64 SHA512)
 *   9+H      4     replay packet-id
 *   13+H     4     replay time
 *   17+H     ...   body: n | acks | peer session id | message id | payload   (as the plain layout)
 *
 *   HMAC input, in this order (2.x computes it with pid first, then swaps the blocks):
 *     packet-id(4) | time(4) | opcode(1) | own session id(8) | body
 *
 *   unwrap: length check -> HMAC (constant-time compare) -> replay window -> body
 * </pre>
 *
 * The send HMAC key is the first H bytes of key[send].hmac and the receive key the first H bytes of
 * key[receive].hmac, with the halves chosen by the {@link KeyDirection}. One instance per session.
 */
public final class TlsAuthWrap implements ControlWrap {
    private static final int PREFIX = ControlPacketCodec.HEADER_LENGTH;

    private final TlsAuthDigest digest;
    private final KeyDirection direction;
    private final Mac sendMac;
    private final Mac receiveMac;
    private final LongPacketIdCounter counter = new LongPacketIdCounter();
    private final LongPacketIdWindow window;

    /** A tls-auth wrap with the default replay window (64 packets, 15 s). */
    public TlsAuthWrap(StaticKey key, KeyDirection direction, TlsAuthDigest digest) {
        this(key, direction, digest, new LongPacketIdWindow());
    }

    /** A tls-auth wrap that checks replays with {@code window}. */
    public TlsAuthWrap(StaticKey key, KeyDirection direction, TlsAuthDigest digest, LongPacketIdWindow window) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.window = Objects.requireNonNull(window, "window");
        this.sendMac = hmac(key.hmacPart(direction.sendKeyIndex()), digest);
        this.receiveMac = hmac(key.hmacPart(direction.receiveKeyIndex()), digest);
    }

    private static Mac hmac(byte[] hmacPart, TlsAuthDigest digest) {
        try {
            Mac mac = Mac.getInstance(digest.jceName());
            mac.init(new SecretKeySpec(hmacPart, 0, digest.length(), digest.jceName()));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCE lacks " + digest.jceName(), e);
        } finally {
            Arrays.fill(hmacPart, (byte) 0);
        }
    }

    @Override
    public byte[] wrap(ControlPacket packet, long nowSeconds) {
        int h = digest.length();
        LongPacketId packetId = counter.next(nowSeconds);
        ByteBuffer out = ByteBuffer.allocate(PREFIX + h + LongPacketId.LENGTH
                + ControlPacketCodec.bodyLength(packet));
        out.put(packet.opcode().firstByte(packet.keyId()));
        packet.sessionId().writeTo(out);
        out.position(PREFIX + h);
        packetId.writeTo(out);
        ControlPacketCodec.writeBody(packet, out);
        byte[] wire = out.array();
        byte[] tag = macOf(sendMac, wire);
        System.arraycopy(tag, 0, wire, PREFIX, h);
        return wire;
    }

    @Override
    public Unwrapped unwrap(byte[] wire, long nowSeconds) {
        int h = digest.length();
        if (wire.length < 1) {
            return new Unwrapped.Malformed("empty packet");
        }
        Optional<Opcode> opcode = Opcode.fromByte(wire[0]);
        if (opcode.isEmpty() || opcode.get().isData()) {
            return new Unwrapped.Malformed("not a control opcode");
        }
        if (wire.length < PREFIX + h + LongPacketId.LENGTH) {
            return new Unwrapped.Malformed("shorter than the tls-auth header");
        }
        byte[] expected = macOf(receiveMac, wire);
        byte[] received = Arrays.copyOfRange(wire, PREFIX, PREFIX + h);
        if (!MessageDigest.isEqual(expected, received)) {
            return new Unwrapped.Unauthentic("tls-auth HMAC mismatch");
        }
        LongPacketId packetId = LongPacketId.read(wire, PREFIX + h);
        if (!window.accept(packetId, nowSeconds)) {
            return new Unwrapped.Replayed(packetId.id(), packetId.time());
        }
        int bodyAt = PREFIX + h + LongPacketId.LENGTH;
        Decoded<ControlPacket> body = ControlPacketCodec.decodeBody(opcode.get(), Opcode.keyIdOf(wire[0]),
                SessionId.of(Arrays.copyOfRange(wire, 1, PREFIX)), wire, bodyAt, wire.length - bodyAt);
        if (body instanceof Decoded.Ok<ControlPacket> ok) {
            return new Unwrapped.Ok(ok.value());
        }
        return new Unwrapped.Malformed(((Decoded.Malformed<ControlPacket>) body).reason());
    }

    /** HMAC over {@code pid | time | op | sid | body} of a packet laid out as on the wire. */
    private byte[] macOf(Mac mac, byte[] wire) {
        int h = digest.length();
        int pidAt = PREFIX + h;
        int bodyAt = pidAt + LongPacketId.LENGTH;
        mac.update(wire, pidAt, LongPacketId.LENGTH);
        mac.update(wire, 0, PREFIX);
        mac.update(wire, bodyAt, wire.length - bodyAt);
        return mac.doFinal();
    }

    /** H bytes of HMAC plus 8 bytes of replay packet-id. */
    @Override
    public int overhead() {
        return digest.length() + LongPacketId.LENGTH;
    }

    @Override
    public String toString() {
        return "TlsAuthWrap[" + digest + ", " + direction + "]";
    }
}

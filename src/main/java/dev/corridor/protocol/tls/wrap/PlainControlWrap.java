package dev.corridor.protocol.tls.wrap;

import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Decoded;

/**
 * The "no tls-auth, no tls-crypt" wrap: the plain packet layout of protocol.md 1.2, with no
 * authentication and no replay check (the TLS session above protects the payload).
 */
public final class PlainControlWrap implements ControlWrap {
    /** The one instance; the plain wrap holds no state. */
    public static final PlainControlWrap INSTANCE = new PlainControlWrap();

    private PlainControlWrap() {}

    @Override
    public byte[] wrap(ControlPacket packet, long nowSeconds) {
        return ControlPacketCodec.encode(packet);
    }

    @Override
    public Unwrapped unwrap(byte[] wire, long nowSeconds) {
        Decoded<ControlPacket> decoded = ControlPacketCodec.decode(wire);
        if (decoded instanceof Decoded.Ok<ControlPacket> ok) {
            return new Unwrapped.Ok(ok.value());
        }
        return new Unwrapped.Malformed(((Decoded.Malformed<ControlPacket>) decoded).reason());
    }

    @Override
    public int overhead() {
        return 0;
    }

    @Override
    public String toString() {
        return "PlainControlWrap";
    }
}

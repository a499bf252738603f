package dev.corridor.archfixture.transport;

import dev.corridor.archfixture.protocol.wire.ByteStreamCodec;

/** Breaks transport-stands-alone: a link that decodes protocol packets. */
public final class ProtocolAwareLink {
    private final ByteStreamCodec codec = new ByteStreamCodec();

    public ByteStreamCodec codec() {
        return codec;
    }
}

package dev.corridor.archfixture.ui;

import dev.corridor.archfixture.protocol.wire.ByteStreamCodec;

/** Breaks front-ends-reach-engine-through-client: the GUI decodes protocol packets itself. */
public final class ProtocolFromUi {
    private final ByteStreamCodec codec = new ByteStreamCodec();

    public ByteStreamCodec codec() {
        return codec;
    }
}

package dev.corridor.archfixture.protocol.wire;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Compliant: byte-array streams, ByteBuffer and IOException are not I/O. */
public final class ByteStreamCodec {
    public int readOpcode(byte[] packet) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packet))) {
            return (in.readUnsignedByte() >> 3) + ByteBuffer.wrap(packet).limit();
        }
    }
}

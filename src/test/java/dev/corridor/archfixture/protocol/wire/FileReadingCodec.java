package dev.corridor.archfixture.protocol.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks protocol-does-no-io: the protocol reads a file. */
public final class FileReadingCodec {
    public byte[] load(String name) throws IOException {
        return Files.readAllBytes(Path.of(name));
    }
}

package dev.corridor.server.log;

import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The connection log file: opened for appending (O_APPEND, so every line lands at the end even
 * if another process appends too), owner-only, synced to disk after each batch.
 */
final class FileLogSink implements LogSink {
    private final FileChannel channel;

    private FileLogSink(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens {@code file} for appending, creating it (and its folder) owner-only when missing. */
    static FileLogSink open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !parent.toFile().isDirectory()) {
            OwnerOnly.createFolder(parent);
        }
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileChannel channel = OwnerOnly.posix()
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, options);
        try {
            OwnerOnly.restrict(file, false); // an older file may have been readable by others
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new FileLogSink(channel);
    }

    @Override
    public void append(ByteBuffer line) throws IOException {
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    @Override
    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

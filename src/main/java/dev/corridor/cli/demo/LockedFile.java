package dev.corridor.cli.demo;

import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Optional;

/** An exclusive lock on a file, held by this process until closed: "one demo at a time" rules. */
final class LockedFile implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private LockedFile(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code file} (created owner-only when missing); empty when another process, or this one, holds it. */
    static Optional<LockedFile> tryLock(Path file) throws IOException {
        FileChannel channel = OwnerOnly.openLockFile(file);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new LockedFile(channel, lock));
    }

    /** Releases the lock; the file stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

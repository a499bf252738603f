package dev.corridor.cli.demo;

import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's working folder in the data folder, held by one demo at a time.
 *
 * <pre>
 *   &lt;data&gt;/demo.lock     locked (FileLock) while a demo runs; a second demo is refused
 *   &lt;data&gt;/demo/         (0700) emptied at start (leftovers of a killed demo), deleted at close
 *     certificate/  directory-mfa/  saml/     one `server init` endpoint each
 * </pre>
 */
public final class DemoFolder implements AutoCloseable {
    private final Path folder;
    private final Path lockFile;
    private final LockedFile lock;
    private boolean closed;

    private DemoFolder(Path folder, Path lockFile, LockedFile lock) {
        this.folder = folder;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Locks and prepares {@code dataFolder/demo}.
     *
     * @throws DemoException when another demo holds the folder
     */
    public static DemoFolder open(Path dataFolder) throws IOException, DemoException {
        OwnerOnly.createFolder(dataFolder);
        Path lockFile = dataFolder.resolve("demo.lock");
        Optional<LockedFile> locked = LockedFile.tryLock(lockFile);
        if (locked.isEmpty()) {
            throw new DemoException("another corridor demo is running with the data folder " + dataFolder
                    + "; stop it first");
        }
        Path folder = dataFolder.resolve("demo");
        try {
            deleteTree(folder);
            OwnerOnly.createFolder(folder);
        } catch (IOException e) {
            locked.get().close();
            throw e;
        }
        return new DemoFolder(folder, lockFile, locked.get());
    }

    /** The demo folder, {@code <data>/demo}. */
    public Path path() {
        return folder;
    }

    /** Deletes the demo folder and the lock file, then releases the lock. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteTree(folder);
            Files.deleteIfExists(lockFile);
        } finally {
            lock.close();
        }
    }

    /** Deletes {@code root} and everything below it; nothing when it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

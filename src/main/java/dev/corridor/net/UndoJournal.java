package dev.corridor.net;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The on-disk record of every host-network change Corridor has made and not yet taken back, so that
 * the next start can undo them after a crash. While a tunnel is up its owner holds a lock on
 * {@code <journal>.lock}; a journal whose lock is free is a leftover.
 *
 * <p>Writing (version 2): the file appears atomically with its header line (owner-only temporary file,
 * rename, via {@link AtomicFileWriter#writeWithoutSync}); then each change appends one line
 * <em>before</em> the change is applied. A completed write survives the process being killed
 * (kill -9 included); it is also synced first when its undo outlives a restart of the machine
 * ({@link Undo#outlivesRestart()}: a file such as resolv.conf, or a command), so a power cut cannot
 * lose it: the first such line fsyncs the file (header and every line so far) and its folder (the
 * rename), later ones fdatasync. Lines for kernel state (links, addresses, routes) skip that wait: a
 * power cut takes the state itself away, and the header's boot id ({@code "boot"}) makes a restore
 * after a restart leave such lines alone. So does the header: a tunnel with kernel state only
 * (split tunnel, no DNS) never waits for the disk (its fsyncs took 2–10 ms, at times over 100 ms, of
 * every connect on a busy machine; docs/benchmarks.md, "Warm connect, 2026-11-29 (second look)").
 * After a power cut the file may then be missing or empty; an empty one held nothing that outlived
 * the cut, and a restore deletes it ({@link #emptyAfterPowerCut()}). A change that failed gets a {@code dropped} line. A last line cut short (the
 * machine died while writing it) belongs to a change that was never applied and is ignored when read
 * ({@link JournalJson}).
 *
 * <pre>
 * {"format":"corridor-network-journal","version":2,"os":"linux","pid":4242,"boot":"6f1c…"}
 * {"step":1,"change":"link tun0 up, mtu 1400","undo":[{"kind":"restore-link","link":"tun0","mtu":1500,"up":false}]}
 * {"step":2,"change":"address 10.8.0.6/32 peer 10.8.0.5 on tun0","undo":[{"kind":"remove-address",
 *      "link":"tun0","address":"10.8.0.6/32","peer":"10.8.0.5"}]}                  (one line in the file)
 * {"step":3,"change":"route 10.1.0.0/16 dev tun0","undo":[{"kind":"remove-route","destination":"10.1.0.0/16",
 *      "gateway":null,"link":"tun0"}]}
 * {"step":4,"change":"route 10.2.0.0/16 dev tun0","undo":[...]}
 * {"dropped":4}                                                    (its change failed: nothing to undo)
 * </pre>
 *
 * Version 1 was one JSON document rewritten atomically before each change, and undid links,
 * addresses and routes with {@code ip} commands; such journals are still read and restored:
 *
 * <pre>
 * {
 *   "format": "corridor-network-journal", "version": 1, "os": "linux", "pid": 4242,
 *   "entries": [
 *     { "step": 1, "change": "link tun0 up, mtu 1500",
 *       "undo": [ { "kind": "command", "command": ["ip", "link", "set", ...], "input": null } ] },
 *     { "step": 9, "change": "DNS 10.0.0.2 ...",
 *       "undo": [ { "kind": "file", "path": "/etc/resolv.conf", "content": "BASE64 or null",
 *                   "mode": "rw-r--r--", "symlink": null, "written_sha256": "HEX or null" } ] },
 *     { "step": 4, "change": "route 0.0.0.0/1 already exists ...",
 *       "undo": [ { "kind": "nothing", "reason": "existed before Corridor" } ] } ] }
 * </pre>
 */
public final class UndoJournal {
    /** The journal's file name inside the data folder. */
    public static final String FILE_NAME = "network-journal.json";
    static final String FORMAT = "corridor-network-journal";

    private final Path file;
    private final AtomicFileWriter writer;

    public UndoJournal(Path file, AtomicFileWriter writer) {
        this.file = file.toAbsolutePath();
        this.writer = writer;
    }

    /** The journal in Corridor's data folder. */
    public static UndoJournal in(Path dataFolder) {
        return new UndoJournal(dataFolder.resolve(FILE_NAME), new AtomicFileWriter());
    }

    public Path file() {
        return file;
    }

    /** True when a journal file is present (a live tunnel's or a leftover). */
    public boolean exists() {
        return Files.exists(file);
    }

    /** True when a running Corridor process holds the journal (its tunnel is up or it is being restored). */
    public boolean inUse() throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            return false;
        }
        Optional<Lease> lease = tryLock();
        if (lease.isEmpty()) {
            return true;
        }
        lease.get().close();
        return false;
    }

    /** Takes the journal's lock, or returns empty when another process (or this one) holds it. */
    public Optional<Lease> tryLock() throws IOException {
        OwnerOnly.createFolder(file.getParent());
        FileChannel channel = OwnerOnly.openLockFile(lockFile());
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very JVM holds it
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new Lease(channel, lock));
    }

    /** Deletes the journal file (after everything it recorded was taken back); the caller holds the lease. */
    public void delete(Lease lease) throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * True when the journal file is there but empty: its header never reached the disk before a power
     * cut, so no line after it did either (the first durable line syncs the header with it), and every
     * change it would have named was kernel state that went with the restart.
     */
    public boolean emptyAfterPowerCut() throws IOException {
        return Files.isRegularFile(file) && Files.size(file) == 0;
    }

    /** What the journal says, or empty when there is none. */
    public Optional<Contents> read() throws JournalDamagedException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new JournalDamagedException(file, "this user may not read it (it belongs to the user who"
                    + " connected; run the restore as that user or as root)");
        } catch (IOException e) {
            throw new JournalDamagedException(file, "cannot read it: " + e.getMessage());
        }
        return Optional.of(JournalJson.parse(file, bytes));
    }

    /**
     * Starts a new journal for a tunnel about to be set up and takes its lock. Fails when a journal is
     * already there: a leftover must be restored first, and a live one belongs to another tunnel.
     */
    public Writer create(String os) throws IOException {
        return create(os, Optional.empty());
    }

    /** As {@link #create(String)}, recording which boot of the machine the changes belong to. */
    public Writer create(String os, Optional<String> boot) throws IOException {
        Lease lease = tryLock().orElseThrow(() -> new IOException(
                "another Corridor tunnel is changing the host network (" + file + " is locked)"));
        if (Files.exists(file)) {
            lease.close();
            throw new IOException("a network undo journal from an earlier run is still there (" + file
                    + "); run `corridor net restore` first");
        }
        try {
            writer.writeWithoutSync(file, JournalJson.header(os, ProcessHandle.current().pid(), boot));
            return new Writer(lease, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /**
     * The parsed journal: which OS wrote it, which process during which boot of the machine (when the
     * OS names boots), and the entries in the order they were made.
     */
    public record Contents(String os, long pid, Optional<String> boot, List<JournalEntry> entries) {
        public Contents {
            java.util.Objects.requireNonNull(boot, "boot");
            entries = List.copyOf(entries);
        }

        /** A journal without a boot id (version 1, or an OS without one). */
        public Contents(String os, long pid, List<JournalEntry> entries) {
            this(os, pid, Optional.empty(), entries);
        }
    }

    /** The held lock on the journal: while it is held, no one else restores or starts a tunnel. */
    public static final class Lease implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private boolean closed;

        private Lease(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** The journal of the tunnel being set up; holds the lock until {@link #close()}. */
    public final class Writer implements AutoCloseable {
        private final Lease lease;
        private final FileChannel channel;
        private final List<JournalEntry> entries = new ArrayList<>();
        /** Whether the header, and the folder entry, have been synced (by the first durable line). */
        private boolean onDisk;

        private Writer(Lease lease, FileChannel channel) {
            this.lease = lease;
            this.channel = channel;
        }

        /**
         * Adds {@code entry}; returns once the line is written, and also on disk when one of its undo
         * steps outlives a restart of the machine.
         */
        public void append(JournalEntry entry) throws IOException {
            appendLine(JournalJson.entry(entry), outlivesRestart(entry));
            entries.add(entry);
        }

        /** Drops the last entry (its change failed, so there is nothing to undo), as durably as it was added. */
        public void dropLast() throws IOException {
            JournalEntry last = entries.get(entries.size() - 1);
            appendLine(JournalJson.dropped(last.step()), outlivesRestart(last));
            entries.remove(entries.size() - 1);
        }

        private static boolean outlivesRestart(JournalEntry entry) {
            return entry.undo().stream().anyMatch(Undo::outlivesRestart);
        }

        /** The entries so far, oldest first. */
        public List<JournalEntry> entries() {
            return List.copyOf(entries);
        }

        /** Deletes the journal file: everything it recorded has been taken back. */
        public void delete() throws IOException {
            channel.close();
            Files.deleteIfExists(file);
            entries.clear();
        }

        /** Releases the lock; the journal file stays unless {@link #delete()} was called. */
        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                lease.close();
            }
        }

        /**
         * One write of a whole line, then (when {@code durable}) fdatasync, which also makes the file's
         * new length and every earlier line durable; the first time an fsync of the file and of its
         * folder, for the header and the file's name.
         */
        private void appendLine(byte[] line, boolean durable) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable && !onDisk) {
                channel.force(true);
                AtomicFileWriter.syncFolderOf(file);
                onDisk = true;
            } else if (durable) {
                channel.force(false);
            }
        }
    }
}

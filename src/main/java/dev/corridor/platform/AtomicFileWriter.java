package dev.corridor.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a reader, or the next start after a crash, sees either the old content
 * or the new one, never a mix.
 *
 * <pre>
 *   1. write the bytes to  &lt;folder&gt;/.&lt;name&gt;-XXXX.tmp  (created owner-only)
 *   2. fsync the temporary file                 (not in writeWithoutSync)
 *   3. rename it over &lt;name&gt;  (atomic on the same file system)
 *   4. fsync the folder, so the rename itself survives a power cut (POSIX only; not in writeWithoutSync)
 * </pre>
 *
 * A crash before step 3 leaves only a stray {@code .tmp} file, which {@link #removeLeftovers}
 * deletes on the next start.
 */
public class AtomicFileWriter {
    static final String TEMP_SUFFIX = ".tmp";

    /** Writes {@code content} to {@code target} atomically; the result is owner-only. */
    public void write(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * As {@link #write}, without the two fsyncs (steps 2 and 4): readers and a process killed at any
     * moment still see the old content or the new, but a power cut may lose the new file or leave it
     * empty. For files whose owner makes them durable later, when it matters ({@link #syncFolderOf}).
     */
    public void writeWithoutSync(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    private void write(Path target, byte[] content, boolean sync) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = OwnerOnly.createTempFile(folder, "." + target.getFileName() + "-");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(true);
                }
            }
            beforeRename(temp, target);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            if (sync) {
                syncFolderOf(target);
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Called after the temporary file is complete and synced, just before the rename. Tests
     * override it to simulate a crash at the most delicate moment.
     */
    protected void beforeRename(Path temp, Path target) throws IOException {
        // nothing happens here in production
    }

    /** Deletes temporary files left in {@code folder} by writes that never reached the rename. */
    public static int removeLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (var entries = Files.newDirectoryStream(folder, ".*" + TEMP_SUFFIX)) {
            for (Path leftover : entries) {
                if (Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Makes the latest rename or creation of an entry in {@code file}'s folder survive a power cut (an
     * fsync of the folder, POSIX only; a file system that refuses it is left as it is).
     */
    public static void syncFolderOf(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (!OwnerOnly.posix()) {
            return; // Windows cannot open a folder as a channel; NTFS journals the rename itself
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on folders; the rename has still happened.
        }
    }
}

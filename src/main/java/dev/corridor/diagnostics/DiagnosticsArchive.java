package dev.corridor.diagnostics;

import dev.corridor.platform.OwnerOnly;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a diagnostics zip in which every entry has been redacted, all or nothing.
 *
 * <pre>
 *   1. create  &lt;folder of target&gt;/.&lt;name&gt;-XXXX.tmp   owner-only
 *   2. for each entry: text() ─► ArchiveRedactor ─► zip entry (UTF-8)
 *   3. close the zip, fsync
 *   4. rename the temporary file over the target (atomic on the same file system)
 *   any failure before 4: the temporary file is deleted; the target is not created or touched
 * </pre>
 *
 * No JavaFX here: the window and the command line both use it.
 */
public final class DiagnosticsArchive {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsArchive.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final ArchiveRedactor redactor = new ArchiveRedactor();

    /** The name suggested for an archive written now, e.g. {@code corridor-diagnostics-20261128-235901.zip}. */
    public static String defaultFileName(Clock clock) {
        return "corridor-diagnostics-" + STAMP.format(LocalDateTime.now(clock)) + ".zip";
    }

    /**
     * Writes {@code entries}, each redacted, into the zip {@code target}, replacing it if it exists.
     * On failure the target is left as it was and no temporary file remains.
     *
     * @return the number of entries written
     */
    public int write(Path target, List<ArchiveEntry> entries) throws IOException {
        Objects.requireNonNull(entries, "entries");
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("the folder " + folder + " does not exist");
        }
        Path temp = OwnerOnly.createTempFile(folder, "." + absolute.getFileName() + "-");
        boolean moved = false;
        try {
            writeZip(temp, entries);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            LOG.info("wrote diagnostics archive {} ({} entries)", absolute, entries.size());
            return entries.size();
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void writeZip(Path temp, List<ArchiveEntry> entries) throws IOException {
        Set<String> names = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(temp);
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file), StandardCharsets.UTF_8)) {
            for (ArchiveEntry entry : entries) {
                String name = entry.name();
                if (!names.add(name)) {
                    throw new IOException("two archive entries are named " + name);
                }
                String redacted = redactor.redact(entry.text(), entry.redaction());
                zip.putNextEntry(new ZipEntry(name));
                zip.write(redacted.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}

package dev.corridor.logging;

import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Rolling file appender whose active log file is created owner-only (mode 0600 on POSIX, an
 * owner-only ACL on Windows), or made owner-only if it already exists, before Logback opens it.
 *
 * <p>Logback opens the active file at start and again after every rollover, always through
 * {@link #openFile}, so each new file gets the permissions; rolled files keep theirs because a
 * rollover renames them. Archives must stay uncompressed: Logback's compressor creates the
 * {@code .gz} files itself, with default permissions.
 */
public class OwnerOnlyRollingFileAppender<E> extends RollingFileAppender<E> {

    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        try {
            Path folder = file.getParent();
            if (folder != null) {
                OwnerOnly.createFolder(folder);
            }
            createOwnerOnly(file);
        } catch (IOException | RuntimeException e) {
            // Not our file or folder (written once by another account, say): log anyway, but say so.
            addWarn("Could not make the log file " + file + " owner-only", e);
        }
        super.openFile(fileName);
    }

    /** Creates {@code file} empty and owner-only, or restricts it when it already exists. */
    static void createOwnerOnly(Path file) throws IOException {
        try {
            if (OwnerOnly.posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                return;
            }
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // fall through: an existing file is restricted below
        }
        OwnerOnly.restrict(file, false);
    }
}

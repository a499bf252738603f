package dev.corridor.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Creates files and folders that only their owner can read: mode 0600/0700 on POSIX systems,
 * an ACL with a single entry for the owner on Windows.
 */
public final class OwnerOnly {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {}

    /** Creates {@code folder} and its missing parents; the folder itself ends up owner-only. */
    public static Path createFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (POSIX) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectories(folder);
            }
        }
        restrict(folder, true);
        return folder;
    }

    /** Creates an empty owner-only temporary file in {@code folder}. */
    public static Path createTempFile(Path folder, String prefix) throws IOException {
        Path file = POSIX
                ? Files.createTempFile(folder, prefix, ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(folder, prefix, ".tmp", new FileAttribute<?>[0]);
        if (!POSIX) {
            restrict(file, false);
        }
        return file;
    }

    /** Opens (creating it owner-only when missing) a file used only for {@link FileChannel#lock()}. */
    public static FileChannel openLockFile(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return POSIX ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE))
                : FileChannel.open(file, options);
    }

    /** Makes an existing file or folder owner-only. */
    public static void restrict(Path path, boolean folder) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, folder ? FOLDER : FILE);
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl == null) {
            return; // a file system with neither POSIX modes nor ACLs (FAT): nothing can be restricted
        }
        UserPrincipal owner = Files.getOwner(path);
        AclEntry entry = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build();
        acl.setAcl(List.of(entry));
    }

    /** True when the platform can express owner-only permissions as POSIX modes. */
    public static boolean posix() {
        return POSIX;
    }
}

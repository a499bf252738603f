package dev.corridor.net.os;

import dev.corridor.net.NetworkApplier;
import dev.corridor.net.NetworkChangeException;
import dev.corridor.net.Undo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Backs up, replaces and restores world-readable system files such as {@code /etc/resolv.conf}.
 *
 * <p>Not {@code platform.AtomicFileWriter}: that one creates owner-only files, and a resolver file
 * must stay readable by every user. The replacement is still written to a temporary file, fsynced and
 * renamed over the target; where the target is a mount point (containers bind-mount resolv.conf) the
 * rename fails with "busy" and the file is rewritten in place instead.
 */
public final class SystemFiles {
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private SystemFiles() {}

    /** How to put {@code file} back exactly as it is now. */
    public static Undo.RestoreFile backup(Path file) throws NetworkChangeException {
        try {
            if (Files.isSymbolicLink(file)) {
                return new Undo.RestoreFile(file.toString(), Optional.empty(), Optional.empty(),
                        Optional.of(Files.readSymbolicLink(file).toString()), Optional.empty());
            }
            if (!Files.exists(file)) {
                return new Undo.RestoreFile(file.toString(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty());
            }
            Optional<String> mode = posix(file) ? Optional.of(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))) : Optional.empty();
            return new Undo.RestoreFile(file.toString(), Optional.of(Files.readAllBytes(file)), mode,
                    Optional.empty(), Optional.empty());
        } catch (IOException e) {
            throw new NetworkChangeException("cannot back up " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code file} with {@code content}, readable by everyone. */
    public static void replace(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temp = posix(folder)
                ? Files.createTempFile(folder, "." + file.getFileName() + "-", ".corridor",
                        PosixFilePermissions.asFileAttribute(mode))
                : Files.createTempFile(folder, "." + file.getFileName() + "-", ".corridor");
        try {
            if (posix(folder)) {
                Files.setPosixFilePermissions(temp, mode); // the umask may have narrowed it
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileSystemException e) {
                Files.write(file, content); // a bind-mounted file cannot be renamed over
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces {@code file} with {@code content}, mode rw-r--r--. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, content, WORLD_READABLE);
    }

    /** Puts a backed-up file back: the same bytes and mode, the same link, or no file. */
    public static NetworkApplier.UndoResult restore(Undo.RestoreFile backup) {
        Path file = Path.of(backup.path());
        try {
            if (backup.writtenSha256().isPresent() && !holds(file, backup.writtenSha256().get())) {
                return new NetworkApplier.UndoResult(NetworkApplier.Outcome.ALREADY_GONE,
                        file + " was changed by something else since; left as it is");
            }
            if (backup.symlinkTarget().isPresent()) {
                Path target = Path.of(backup.symlinkTarget().get());
                if (Files.isSymbolicLink(file) && Files.readSymbolicLink(file).equals(target)) {
                    return new NetworkApplier.UndoResult(NetworkApplier.Outcome.ALREADY_GONE,
                            file + " already links to " + target);
                }
                Files.deleteIfExists(file);
                Files.createSymbolicLink(file, target);
            } else if (backup.content().isPresent()) {
                byte[] content = backup.content().get();
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Arrays.equals(Files.readAllBytes(file), content)
                        && backup.posixMode().map(m -> modeIs(file, m)).orElse(true)) {
                    return new NetworkApplier.UndoResult(NetworkApplier.Outcome.ALREADY_GONE,
                            file + " already as before");
                }
                Set<PosixFilePermission> mode = backup.posixMode().map(PosixFilePermissions::fromString)
                        .orElse(WORLD_READABLE);
                if (Files.isSymbolicLink(file)) {
                    Files.delete(file);
                }
                replace(file, content, mode);
            } else if (!Files.deleteIfExists(file)) {
                return new NetworkApplier.UndoResult(NetworkApplier.Outcome.ALREADY_GONE, file + " absent as before");
            }
            return new NetworkApplier.UndoResult(NetworkApplier.Outcome.UNDONE, file + " restored");
        } catch (IOException | RuntimeException e) {
            return new NetworkApplier.UndoResult(NetworkApplier.Outcome.FAILED,
                    "cannot restore " + file + ": " + e.getMessage());
        }
    }

    /** The SHA-256 of {@code content} in lower-case hex. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static boolean holds(Path file, String sha256) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && sha256(Files.readAllBytes(file)).equals(sha256);
    }

    private static boolean modeIs(Path file, String mode) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).equals(mode);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

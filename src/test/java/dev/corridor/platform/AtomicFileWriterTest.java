package dev.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that {@link AtomicFileWriter} replaces files whole, owner-only, and cleans up after failures. */
class AtomicFileWriterTest {
    @TempDir
    Path folder;

    private final AtomicFileWriter writer = new AtomicFileWriter();

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheContent() throws IOException {
        Path target = folder.resolve("settings.json");

        writer.write(target, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("{\"a\":1}");
        assertThat(fileNames()).containsExactly("settings.json");
    }

    @Test
    void writesEmptyAndBinaryContent() throws IOException {
        Path empty = folder.resolve("empty");
        Path binary = folder.resolve("binary");
        byte[] bytes = {0, 1, (byte) 0xff, (byte) 0x80, '\n'};

        writer.write(empty, new byte[0]);
        writer.write(binary, bytes);

        assertThat(empty).isEmptyFile();
        assertThat(binary).hasBinaryContent(bytes);
    }

    @Test
    void replacesExistingContentEntirely() throws IOException {
        Path target = folder.resolve("index.json");
        Files.writeString(target, "old content that is much longer than the new content");

        writer.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        assertThat(fileNames()).containsExactly("index.json");
    }

    @Test
    void theResultIsOwnerOnlyOnPosix() throws IOException {
        assumeTrue(OwnerOnly.posix(), "POSIX permissions only");
        Path target = folder.resolve("secret.ovpn");
        Files.writeString(target, "world readable");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

        writer.write(target, "private".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void aNewFileIsOwnerOnlyOnPosix() throws IOException {
        assumeTrue(OwnerOnly.posix(), "POSIX permissions only");
        Path target = folder.resolve("fresh.ovpn");

        writer.write(target, "private".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void aFailureBeforeTheRenameKeepsTheOldContentAndLeavesNoTempFile() throws IOException {
        Path target = folder.resolve("index.json");
        Files.writeString(target, "old");
        List<Path> tempsSeen = new ArrayList<>();
        AtomicFileWriter crashing = new AtomicFileWriter() {
            @Override
            protected void beforeRename(Path temp, Path renameTarget) throws IOException {
                tempsSeen.add(temp);
                assertThat(temp).exists().hasContent("new");
                throw new IOException("simulated crash");
            }
        };

        assertThatThrownBy(() -> crashing.write(target, "new".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("simulated crash");

        assertThat(target).hasContent("old");
        assertThat(tempsSeen).hasSize(1);
        assertThat(tempsSeen.get(0)).doesNotExist();
        assertThat(tempsSeen.get(0).getParent()).isEqualTo(folder.toAbsolutePath());
        assertThat(tempsSeen.get(0).getFileName().toString()).startsWith(".index.json-").endsWith(".tmp");
        assertThat(fileNames()).containsExactly("index.json");
    }

    @Test
    void withoutSyncItStillReplacesTheWholeFileOwnerOnlyThroughATemporaryFile() throws IOException {
        Path target = folder.resolve("journal.json");
        Files.writeString(target, "old content that is longer");

        writer.writeWithoutSync(target, "new".getBytes(StandardCharsets.UTF_8));
        AtomicFileWriter.syncFolderOf(target); // what its owner does later, when it must be durable

        assertThat(target).hasContent("new");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(target); // the temporary file was renamed, not copied
        }
        if (OwnerOnly.posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        }
    }

    @Test
    void aFailureBeforeTheFirstWriteCreatesNothing() {
        Path target = folder.resolve("new.json");
        AtomicFileWriter crashing = new AtomicFileWriter() {
            @Override
            protected void beforeRename(Path temp, Path renameTarget) throws IOException {
                throw new IOException("simulated crash");
            }
        };

        assertThatThrownBy(() -> crashing.write(target, "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);

        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void removeLeftoversDeletesOnlyHiddenTempFiles() throws IOException {
        Files.writeString(folder.resolve(".x-123.tmp"), "half");
        Files.writeString(folder.resolve(".index.json-8472635.tmp"), "{\"vers");
        Files.writeString(folder.resolve("x-123.tmp"), "a user's file, not hidden");
        Files.writeString(folder.resolve("index.json"), "{}");
        Files.writeString(folder.resolve(".x-123.tmp.bak"), "not a temp file");
        Files.writeString(folder.resolve(".lock"), "");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub").resolve(".y-1.tmp"), "in a subfolder");

        int removed = AtomicFileWriter.removeLeftovers(folder);

        assertThat(removed).isEqualTo(2);
        assertThat(fileNames()).containsExactly(".lock", ".x-123.tmp.bak", "index.json", "sub", "x-123.tmp");
        assertThat(folder.resolve("sub").resolve(".y-1.tmp")).exists();
    }

    @Test
    void removeLeftoversOfAMissingFolderIsZero() throws IOException {
        assertThat(AtomicFileWriter.removeLeftovers(folder.resolve("missing"))).isZero();
    }
}

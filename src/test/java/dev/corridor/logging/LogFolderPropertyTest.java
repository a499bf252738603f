package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.LoggerContext;
import dev.corridor.platform.DataDirectory;
import dev.corridor.platform.OwnerOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that {@link LogFolderProperty} names and creates {@code <data>/logs} owner-only. */
class LogFolderPropertyTest {
    @TempDir
    Path home;
    private String previousHome;

    @BeforeEach
    void useTemporaryHome() {
        previousHome = System.setProperty(DataDirectory.OVERRIDE_PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty(DataDirectory.OVERRIDE_PROPERTY);
        } else {
            System.setProperty(DataDirectory.OVERRIDE_PROPERTY, previousHome);
        }
    }

    private String value() {
        LogFolderProperty property = new LogFolderProperty();
        property.setContext(new LoggerContext());
        return property.getPropertyValue();
    }

    @Test
    void pointsAtTheLogsFolderInTheDataFolder() {
        assertThat(Path.of(value())).isEqualTo(home.resolve("logs").toAbsolutePath());
        assertThat(LogFolderProperty.folder()).isEqualTo(home.resolve("logs").toAbsolutePath());
    }

    @Test
    void usesForwardSlashes() {
        assertThat(value()).doesNotContain("\\");
    }

    @Test
    void createsTheFolderOwnerOnly() throws Exception {
        Path folder = Path.of(value());

        assertThat(folder).isDirectory();
        assumeThat(OwnerOnly.posix()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void createsAMissingDataFolderOwnerOnlyButLeavesAnExistingOneAlone() throws Exception {
        assumeThat(OwnerOnly.posix()).isTrue();
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        value();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwxr-xr-x");

        Path fresh = home.resolve("fresh-data");
        System.setProperty(DataDirectory.OVERRIDE_PROPERTY, fresh.toString());
        value();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
    }

    @Test
    void stillAnswersWhenTheFolderCannotBeCreated() throws Exception {
        Files.writeString(home.resolve("logs"), "a file where the folder should be");

        assertThat(Path.of(value())).isEqualTo(home.resolve("logs").toAbsolutePath());
    }
}

package dev.corridor.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFolderTest {
    @TempDir
    Path data;

    @Test
    void emptiesAKilledDemosLeftoversRefusesASecondDemoAndDeletesEverythingAtClose() throws Exception {
        Path leftover = data.resolve("demo/saml/pki/ca.key");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "old key");

        try (DemoFolder folder = DemoFolder.open(data)) {
            assertThat(folder.path()).isEqualTo(data.resolve("demo")).isEmptyDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.path())))
                    .isEqualTo("rwx------");
            assertThatThrownBy(() -> DemoFolder.open(data)).isInstanceOf(DemoException.class)
                    .hasMessageContaining("another corridor demo is running");
            Files.createDirectories(folder.path().resolve("certificate/clients"));
            Files.writeString(folder.path().resolve("certificate/clients/alice.ovpn"), "client\n");
        }

        assertThat(data.resolve("demo")).doesNotExist();
        assertThat(data.resolve("demo.lock")).doesNotExist();
        try (DemoFolder again = DemoFolder.open(data)) {
            assertThat(again.path()).isEmptyDirectory();
        }
    }
}

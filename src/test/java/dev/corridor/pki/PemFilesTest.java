package dev.corridor.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.OwnerOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files on disk are owner-only and read back to the same objects. */
class PemFilesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void writesOwnerOnlyFilesAndReadsThemBack() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Files CA", CLOCK, new SecureRandom());
        IssuedCertificate server = ca.issueServer("server");
        PemFiles files = new PemFiles(new AtomicFileWriter());
        Path pki = folder.resolve("pki");
        files.writeIssued(pki.resolve("ca.crt"), pki.resolve("ca.key"), ca.certificate());
        files.writeIssued(pki.resolve("server.crt"), pki.resolve("server.key"), server);
        files.writeCrl(pki.resolve("crl.pem"), ca.crl(List.of(), Duration.ofDays(30)));

        IssuedCertificate back = PemFiles.readIssued(pki.resolve("server.crt"), pki.resolve("server.key"));
        assertThat(back.certificate()).isEqualTo(server.certificate());
        assertThat(back.privateKey().getEncoded()).isEqualTo(server.privateKey().getEncoded());
        assertThat(PemFiles.readCrl(pki.resolve("crl.pem")).getIssuerX500Principal())
                .isEqualTo(ca.caCertificate().getSubjectX500Principal());
        CertificateAuthority reloaded = CertificateAuthority.of(
                PemFiles.readIssued(pki.resolve("ca.crt"), pki.resolve("ca.key")), CLOCK, new SecureRandom());
        assertThat(reloaded.caCertificate()).isEqualTo(ca.caCertificate());

        Assumptions.assumeTrue(OwnerOnly.posix(), "owner-only modes are checked on POSIX systems");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki))).isEqualTo("rwx------");
        for (String name : List.of("ca.crt", "ca.key", "server.crt", "server.key", "crl.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
    }
}

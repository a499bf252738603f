package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.platform.DataDirectory;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corridor diagnostics export FILE} writes the redacted archive, or says in one line why not. */
class DiagnosticsCommandTest {
    @TempDir
    Path data;
    @TempDir
    Path out;
    private String previousHome;

    @BeforeEach
    void home() {
        previousHome = System.getProperty(DataDirectory.OVERRIDE_PROPERTY);
        System.setProperty(DataDirectory.OVERRIDE_PROPERTY, data.toString());
    }

    @AfterEach
    void restore() {
        if (previousHome == null) {
            System.clearProperty(DataDirectory.OVERRIDE_PROPERTY);
        } else {
            System.setProperty(DataDirectory.OVERRIDE_PROPERTY, previousHome);
        }
    }

    private static String[] run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new String[] {String.valueOf(code), o.toString(), e.toString()};
    }

    @Test
    void exportsARedactedArchive() throws Exception {
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("logs/corridor.log"), "DEBUG auth-token cliTOKENmark,ping 10\n");
        Path zip = out.resolve("d.zip");

        String[] result = run("diagnostics", "export", zip.toString());

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).startsWith("Wrote " + zip).contains("secrets redacted");
        StringBuilder all = new StringBuilder();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                all.append(e.getName()).append('\n').append(new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(all).contains("logs/corridor.log", "auth-token [redacted]").doesNotContain("cliTOKENmark");
    }

    @Test
    void aMissingFolderIsOneLine() {
        String[] result = run("diagnostics", "export", out.resolve("no/such/d.zip").toString());
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2].strip()).startsWith("corridor: cannot write ").contains("does not exist")
                .doesNotContain("\tat ").hasLineCount(1);
    }
}

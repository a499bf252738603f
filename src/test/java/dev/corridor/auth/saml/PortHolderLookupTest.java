package dev.corridor.auth.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortHolderLookupTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    @Test
    void namesTheProcessWhoseFdIsTheListeningSocket(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), HEADER
                + "   0: 0100007F:88B9 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 111 1\n"
                + "   1: 0100007F:88B9 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1\n");
        Path fd = Files.createDirectories(proc.resolve("77/fd"));
        Files.createSymbolicLink(fd.resolve("3"), Path.of("socket:[111]"));
        Files.createSymbolicLink(fd.resolve("4"), Path.of("socket:[4242]"));
        Files.write(proc.resolve("77/cmdline"), "python3\0-m\0http.server\0".getBytes());
        assertThat(new PortHolderLookup(proc).describe(35001)).contains("pid 77 (python3 -m http.server)");
    }

    @Test
    void saysTheUidWhenNoProcessIsVisible(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), HEADER);
        Files.writeString(proc.resolve("net/tcp6"), HEADER
                + "   0: 00000000000000000000000000000000:88B9 00000000000000000000000000000000:0000 0A"
                + " 00000000:00000000 00:00000000 00000000     0        0 999 1\n");
        assertThat(new PortHolderLookup(proc).describe(35001))
                .contains("a process of uid 0 (not visible to this user)");
    }

    @Test
    void emptyWhenNothingListensOrNoProc(@TempDir Path proc) throws Exception {
        assertThat(new PortHolderLookup(proc).describe(35001)).isEmpty();
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), HEADER
                + "   0: 0100007F:88B9 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 111 1\n");
        assertThat(new PortHolderLookup(proc).describe(35001)).isEmpty();
    }
}

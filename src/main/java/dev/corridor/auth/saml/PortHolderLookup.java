package dev.corridor.auth.saml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Best-effort answer to "who is listening on this TCP port?" on Linux, from {@code /proc}; empty
 * elsewhere or when nothing can be found, so callers say honestly that the holder is unknown.
 *
 * <pre>
 *   /proc/net/tcp, /proc/net/tcp6 (one socket a line, header first):
 *     sl  local_address         rem_address  st  tx:rx  tr:tm  retr  uid  timeout  inode ...
 *     0:  0100007F:88B9         00000000:0000 0A ...                  1000  0       45678
 *         ^ip hex   ^port hex                 ^0A = LISTEN            ^[7]          ^[9]
 *   /proc/&lt;pid&gt;/fd/* -> "socket:[45678]"   ─► pid, /proc/&lt;pid&gt;/cmdline (NUL-separated)
 *   inode found but no pid readable ─► "a process of uid N (not visible to this user)"
 * </pre>
 */
public final class PortHolderLookup {
    private static final String LISTEN = "0A";

    private final Path procRoot;

    /** Looks in {@code procRoot} (normally {@code /proc}). */
    public PortHolderLookup(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** The lookup on this machine's {@code /proc}. */
    public static PortHolderLookup system() {
        return new PortHolderLookup(Path.of("/proc"));
    }

    /** A description of what listens on TCP {@code port}, e.g. {@code "pid 123 (python3 -m http.server)"}. */
    public Optional<String> describe(int port) {
        try {
            Optional<Listener> listener = findListener(port);
            if (listener.isEmpty()) {
                return Optional.empty();
            }
            Optional<Long> pid = findPid(listener.get().inode());
            if (pid.isPresent()) {
                return Optional.of("pid " + pid.get() + commandLine(pid.get()).map(c -> " (" + c + ")").orElse(""));
            }
            return Optional.of("a process of uid " + listener.get().uid() + " (not visible to this user)");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Listener(long inode, String uid) {}

    private Optional<Listener> findListener(int port) throws IOException {
        String portHex = String.format("%04X", port);
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = procRoot.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10) {
                    continue;
                }
                String local = f[1];
                int colon = local.lastIndexOf(':');
                if (colon > 0 && local.substring(colon + 1).equalsIgnoreCase(portHex) && f[3].equals(LISTEN)) {
                    return Optional.of(new Listener(Long.parseLong(f[9]), f[7]));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Long> findPid(long inode) throws IOException {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(procRoot, "[0-9]*")) {
            for (Path process : processes) {
                Path fds = process.resolve("fd");
                if (!Files.isReadable(fds)) {
                    continue;
                }
                try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
                    for (Path link : links) {
                        try {
                            if (Files.readSymbolicLink(link).toString().equals(target)) {
                                return Optional.of(Long.parseLong(process.getFileName().toString()));
                            }
                        } catch (IOException | UnsupportedOperationException gone) {
                            // the fd closed or is not a link: keep looking
                        }
                    }
                } catch (IOException notReadable) {
                    // another user's process or one that just exited
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(procRoot.resolve(pid + "/cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (text.length() > 200) {
                text = text.substring(0, 200) + "...";
            }
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

package dev.corridor.diagnostics;

import dev.corridor.platform.CorridorVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides what goes into a diagnostics archive, read from the data folder:
 *
 * <pre>
 *   manifest.txt          what the archive holds, what could not be read, and that secrets are masked
 *   system.txt            Corridor, Java and OS versions, locale, time zone, network interfaces
 *   system/routes-ipv4.txt, system/routes-ipv6.txt   the kernel route tables (Linux, /proc/net)
 *   logs/&lt;file&gt;           every corridor*.log in &lt;data&gt;/logs (the last 16 MB of each)
 *   profiles/index.json   the profile index (names, sources, remotes)
 *   profiles/&lt;id&gt;.ovpn    every stored profile (secret blocks masked)
 *   preferences.json      the preferences
 * </pre>
 *
 * A file that cannot be read is listed in the manifest instead of failing the export. Everything
 * is redacted by {@link DiagnosticsArchive} when it is written.
 */
public final class DiagnosticsContents {
    /** Only the newest part of a log larger than this goes into the archive. */
    static final int MAX_LOG_BYTES = 16 * 1024 * 1024;

    private final Path dataFolder;
    private final Clock clock;

    /** The contents for the data folder {@code dataFolder} (logs in {@code dataFolder/logs}). */
    public DiagnosticsContents(Path dataFolder, Clock clock) {
        this.dataFolder = dataFolder;
        this.clock = clock;
    }

    /** The entries, read now; reading a file that fails is noted in the manifest. */
    public List<ArchiveEntry> entries() {
        List<ArchiveEntry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        entries.add(ArchiveEntry.of("system.txt", systemInformation(), ArchiveEntry.Redaction.TEXT));
        addIfPresent(entries, notes, Path.of("/proc/net/route"), "system/routes-ipv4.txt", ArchiveEntry.Redaction.TEXT);
        addIfPresent(entries, notes, Path.of("/proc/net/ipv6_route"), "system/routes-ipv6.txt",
                ArchiveEntry.Redaction.TEXT);
        for (Path log : files(dataFolder.resolve("logs"), "corridor", ".log")) {
            addLog(entries, notes, log);
        }
        Path profiles = dataFolder.resolve("profiles");
        addIfPresent(entries, notes, profiles.resolve("index.json"), "profiles/index.json", ArchiveEntry.Redaction.TEXT);
        for (Path profile : files(profiles, "", ".ovpn")) {
            addIfPresent(entries, notes, profile, "profiles/" + profile.getFileName(), ArchiveEntry.Redaction.PROFILE);
        }
        addIfPresent(entries, notes, dataFolder.resolve("preferences.json"), "preferences.json",
                ArchiveEntry.Redaction.TEXT);
        entries.add(0, ArchiveEntry.of("manifest.txt", manifest(entries, notes), ArchiveEntry.Redaction.TEXT));
        return entries;
    }

    private String manifest(List<ArchiveEntry> entries, List<String> notes) {
        StringBuilder text = new StringBuilder();
        text.append("Corridor diagnostics, written ").append(clock.instant()).append('\n');
        text.append("Secrets (private keys, static keys, passwords, tokens, SAML data, one-time codes) are")
                .append(" replaced by [redacted] in every file.\n\nFiles:\n");
        entries.forEach(e -> text.append("  ").append(e.name()).append('\n'));
        if (!notes.isEmpty()) {
            text.append("\nNot included:\n");
            notes.forEach(n -> text.append("  ").append(n).append('\n'));
        }
        return text.toString();
    }

    private String systemInformation() {
        StringBuilder text = new StringBuilder();
        text.append("Corridor ").append(version()).append('\n');
        text.append("Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vendor")).append(", ").append(System.getProperty("java.vm.name"))
                .append(")\n");
        text.append("OS ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append('\n');
        text.append("Locale ").append(Locale.getDefault()).append(", time zone ").append(ZoneId.systemDefault())
                .append(", processors ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        text.append("Data folder ").append(dataFolder).append("\n\nNetwork interfaces:\n");
        text.append(interfaces());
        return text.toString();
    }

    private static String version() {
        try {
            return CorridorVersion.version();
        } catch (IllegalStateException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** One line per interface: name, state, MTU and addresses. */
    static String interfaces() {
        try {
            List<NetworkInterface> all = Collections.list(NetworkInterface.getNetworkInterfaces());
            all.sort(Comparator.comparing(NetworkInterface::getName));
            StringBuilder text = new StringBuilder();
            for (NetworkInterface nic : all) {
                text.append("  ").append(nic.getName());
                text.append(nic.isUp() ? " up" : " down");
                if (nic.isLoopback()) {
                    text.append(" loopback");
                }
                if (nic.isVirtual() || nic.isPointToPoint()) {
                    text.append(" point-to-point/virtual");
                }
                text.append(" mtu ").append(nic.getMTU());
                String addresses = nic.getInterfaceAddresses().stream()
                        .map(a -> address(a.getAddress()) + "/" + a.getNetworkPrefixLength())
                        .collect(Collectors.joining(", "));
                text.append(addresses.isEmpty() ? "" : " " + addresses).append('\n');
            }
            return text.toString();
        } catch (SocketException | RuntimeException e) {
            return "  (cannot list the network interfaces: " + e.getMessage() + ")\n";
        }
    }

    private static String address(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        return zone < 0 ? text : text.substring(0, zone);
    }

    private static List<Path> files(Path folder, String prefix, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(prefix) && name.endsWith(suffix);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void addIfPresent(List<ArchiveEntry> entries, List<String> notes, Path file, String name,
            ArchiveEntry.Redaction redaction) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            entries.add(ArchiveEntry.of(name, Files.readString(file, StandardCharsets.UTF_8), redaction));
        } catch (IOException | RuntimeException e) {
            notes.add(name + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void addLog(List<ArchiveEntry> entries, List<String> notes, Path log) {
        String name = "logs/" + log.getFileName();
        try {
            long size = Files.size(log);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(log)) {
                if (size > MAX_LOG_BYTES) {
                    in.skipNBytes(size - MAX_LOG_BYTES);
                }
                bytes = in.readNBytes(MAX_LOG_BYTES);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (size > MAX_LOG_BYTES) {
                // Start at a whole line, so that no half key block opens the entry.
                int newline = text.indexOf('\n');
                text = "[first " + (size - MAX_LOG_BYTES) + " bytes left out]\n"
                        + (newline < 0 ? "" : text.substring(newline + 1));
            }
            entries.add(ArchiveEntry.of(name, text, ArchiveEntry.Redaction.TEXT));
        } catch (IOException | RuntimeException e) {
            notes.add(name + ": cannot read " + log + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}

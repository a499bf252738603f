package dev.corridor.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The on-disk record of every host-network change Corridor has made and not yet taken back, so that
 * the next start can undo them after a crash. The journal is rewritten atomically and fsynced
 * (owner-only, via {@link AtomicFileWriter}) before each change is applied. While a tunnel is up its
 * owner holds a lock on {@code <journal>.lock}; a journal whose lock is free is a leftover.
 *
 * <pre>
 * {
 *   "format": "corridor-network-journal", "version": 2, "os": "linux", "pid": 4242,
 *   "entries": [
 *     { "step": 1, "change": "link tun0 up, mtu 1500",
 *       "undo": [ { "kind": "restore-link", "link": "tun0", "mtu": 1500, "up": false } ] },
 *     { "step": 2, "change": "address 10.8.0.6/32 peer 10.8.0.5 on tun0",
 *       "undo": [ { "kind": "remove-address", "link": "tun0", "address": "10.8.0.6/32", "peer": "10.8.0.5" } ] },
 *     { "step": 3, "change": "route 0.0.0.0/1 via 10.8.0.5 dev tun0 (full tunnel)",
 *       "undo": [ { "kind": "remove-route", "destination": "0.0.0.0/1", "gateway": "10.8.0.5", "link": "tun0" } ] },
 *     { "step": 8, "change": "DNS 10.0.0.2 ... on tun0",
 *       "undo": [ { "kind": "command", "command": ["resolvectl", "revert", "tun0"], "input": null } ] },
 *     { "step": 9, "change": "DNS 10.0.0.2 ...",
 *       "undo": [ { "kind": "file", "path": "/etc/resolv.conf", "content": "BASE64 or null",
 *                   "mode": "rw-r--r--", "symlink": null, "written_sha256": "HEX or null" } ] },
 *     { "step": 4, "change": "route 0.0.0.0/1 already exists ...",
 *       "undo": [ { "kind": "nothing", "reason": "existed before Corridor" } ] } ] }
 * </pre>
 *
 * Version 1 journals (links, addresses and routes undone by {@code ip ...} commands) are still read
 * and restored by running those commands.
 */
public final class UndoJournal {
    /** The journal's file name inside the data folder. */
    public static final String FILE_NAME = "network-journal.json";
    static final String FORMAT = "corridor-network-journal";
    /** Version 2 added the structured kinds remove-address, remove-route and restore-link. */
    static final int VERSION = 2;
    /** The oldest version this Corridor still restores (command, file and nothing steps only). */
    static final int OLDEST_VERSION = 1;

    /**
     * Jackson, built on first use: every {@code corridor} command checks for a journal on start, and
     * when there is none (the common case) that check must not pay for Jackson's start-up.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {}
    }

    private final Path file;
    private final AtomicFileWriter writer;

    public UndoJournal(Path file, AtomicFileWriter writer) {
        this.file = file.toAbsolutePath();
        this.writer = writer;
    }

    /** The journal in Corridor's data folder. */
    public static UndoJournal in(Path dataFolder) {
        return new UndoJournal(dataFolder.resolve(FILE_NAME), new AtomicFileWriter());
    }

    public Path file() {
        return file;
    }

    /** True when a journal file is present (a live tunnel's or a leftover). */
    public boolean exists() {
        return Files.exists(file);
    }

    /** True when a running Corridor process holds the journal (its tunnel is up or it is being restored). */
    public boolean inUse() throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            return false;
        }
        Optional<Lease> lease = tryLock();
        if (lease.isEmpty()) {
            return true;
        }
        lease.get().close();
        return false;
    }

    /** Takes the journal's lock, or returns empty when another process (or this one) holds it. */
    public Optional<Lease> tryLock() throws IOException {
        OwnerOnly.createFolder(file.getParent());
        FileChannel channel = OwnerOnly.openLockFile(lockFile());
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very JVM holds it
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new Lease(channel, lock));
    }

    /** Deletes the journal file (after everything it recorded was taken back); the caller holds the lease. */
    public void delete(Lease lease) throws IOException {
        Files.deleteIfExists(file);
    }

    /** What the journal says, or empty when there is none. */
    public Optional<Contents> read() throws JournalDamagedException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new JournalDamagedException(file, "this user may not read it (it belongs to the user who"
                    + " connected; run the restore as that user or as root)");
        } catch (IOException e) {
            throw new JournalDamagedException(file, "cannot read it: " + e.getMessage());
        }
        return Optional.of(parse(bytes));
    }

    /**
     * Starts a new journal for a tunnel about to be set up and takes its lock. Fails when a journal is
     * already there: a leftover must be restored first, and a live one belongs to another tunnel.
     */
    public Writer create(String os) throws IOException {
        Lease lease = tryLock().orElseThrow(() -> new IOException(
                "another Corridor tunnel is changing the host network (" + file + " is locked)"));
        if (Files.exists(file)) {
            lease.close();
            throw new IOException("a network undo journal from an earlier run is still there (" + file
                    + "); run `corridor net restore` first");
        }
        Writer journal = new Writer(os, lease);
        try {
            journal.save();
        } catch (IOException e) {
            lease.close();
            throw e;
        }
        return journal;
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** The parsed journal: which OS wrote it, which process, and the entries in the order they were made. */
    public record Contents(String os, long pid, List<JournalEntry> entries) {
        public Contents {
            entries = List.copyOf(entries);
        }
    }

    /** The held lock on the journal: while it is held, no one else restores or starts a tunnel. */
    public static final class Lease implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private boolean closed;

        private Lease(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** The journal of the tunnel being set up; holds the lock until {@link #close()}. */
    public final class Writer implements AutoCloseable {
        private final String os;
        private final Lease lease;
        private final List<JournalEntry> entries = new ArrayList<>();

        private Writer(String os, Lease lease) {
            this.os = os;
            this.lease = lease;
        }

        /** Adds {@code entry} and makes it durable; returns only once it is on disk. */
        public void append(JournalEntry entry) throws IOException {
            entries.add(entry);
            save();
        }

        /** Drops the last entry (its change failed, so there is nothing to undo) and saves. */
        public void dropLast() throws IOException {
            entries.remove(entries.size() - 1);
            save();
        }

        /** The entries so far, oldest first. */
        public List<JournalEntry> entries() {
            return List.copyOf(entries);
        }

        /** Deletes the journal file: everything it recorded has been taken back. */
        public void delete() throws IOException {
            Files.deleteIfExists(file);
            entries.clear();
        }

        /** Releases the lock; the journal file stays unless {@link #delete()} was called. */
        @Override
        public void close() throws IOException {
            lease.close();
        }

        private void save() throws IOException {
            writer.write(file, render(new Contents(os, ProcessHandle.current().pid(), entries)));
        }
    }

    // ------------------------------------------------------------------------------------------
    // JSON

    static byte[] render(Contents contents) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("os", contents.os());
        root.put("pid", contents.pid());
        ArrayNode entries = root.putArray("entries");
        for (JournalEntry entry : contents.entries()) {
            ObjectNode node = entries.addObject();
            node.put("step", entry.step());
            node.put("change", entry.change());
            ArrayNode undo = node.putArray("undo");
            for (Undo step : entry.undo()) {
                undo.add(render(step));
            }
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the journal", e);
        }
    }

    private static ObjectNode render(Undo undo) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (undo instanceof Undo.RunCommand command) {
            node.put("kind", "command");
            ArrayNode argv = node.putArray("command");
            command.command().forEach(argv::add);
            node.put("input", command.input().orElse(null));
        } else if (undo instanceof Undo.RestoreFile restore) {
            node.put("kind", "file");
            node.put("path", restore.path());
            node.put("content", restore.content().map(b -> Base64.getEncoder().encodeToString(b)).orElse(null));
            node.put("mode", restore.posixMode().orElse(null));
            node.put("symlink", restore.symlinkTarget().orElse(null));
            node.put("written_sha256", restore.writtenSha256().orElse(null));
        } else if (undo instanceof Undo.RemoveAddress address) {
            node.put("kind", "remove-address");
            node.put("link", address.link());
            node.put("address", address.address().toString());
            node.put("peer", address.peer().map(Addresses::format).orElse(null));
        } else if (undo instanceof Undo.RemoveRoute route) {
            node.put("kind", "remove-route");
            node.put("destination", route.destination().toString());
            node.put("gateway", route.gateway().map(Addresses::format).orElse(null));
            node.put("link", route.link());
        } else if (undo instanceof Undo.RestoreLink link) {
            node.put("kind", "restore-link");
            node.put("link", link.link());
            node.put("mtu", link.mtu());
            node.put("up", link.up());
        } else if (undo instanceof Undo.Nothing nothing) {
            node.put("kind", "nothing");
            node.put("reason", nothing.reason());
        } else {
            throw new IllegalStateException("unknown undo step " + undo);
        }
        return node;
    }

    Contents parse(byte[] bytes) throws JournalDamagedException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new JournalDamagedException(file, "it is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new JournalDamagedException(file, "it is empty or not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new JournalDamagedException(file, "\"format\" is not \"" + FORMAT + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new JournalDamagedException(file, "unsupported version " + root.path("version")
                    + " (this Corridor reads versions " + OLDEST_VERSION + " to " + VERSION + ")");
        }
        String os = text(root, "os", "$");
        long pid = root.path("pid").asLong(-1);
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new JournalDamagedException(file, "$.entries is missing or not a list");
        }
        List<JournalEntry> parsed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = "$.entries[" + i + "]";
            JsonNode entry = entries.get(i);
            if (!entry.path("step").canConvertToInt()) {
                throw new JournalDamagedException(file, where + ".step is missing or not a number");
            }
            JsonNode undo = entry.get("undo");
            if (undo == null || !undo.isArray()) {
                throw new JournalDamagedException(file, where + ".undo is missing or not a list");
            }
            List<Undo> steps = new ArrayList<>();
            for (int j = 0; j < undo.size(); j++) {
                steps.add(parseUndo(undo.get(j), where + ".undo[" + j + "]"));
            }
            parsed.add(new JournalEntry(entry.get("step").asInt(), text(entry, "change", where), steps));
        }
        return new Contents(os, pid, parsed);
    }

    private Undo parseUndo(JsonNode node, String where) throws JournalDamagedException {
        String kind = text(node, "kind", where);
        switch (kind) {
            case "command": {
                JsonNode argv = node.get("command");
                if (argv == null || !argv.isArray() || argv.isEmpty()) {
                    throw new JournalDamagedException(file, where + ".command is missing or empty");
                }
                List<String> command = new ArrayList<>();
                for (JsonNode word : argv) {
                    if (!word.isTextual()) {
                        throw new JournalDamagedException(file, where + ".command holds a non-text word");
                    }
                    command.add(word.asText());
                }
                return new Undo.RunCommand(command, optionalText(node, "input"));
            }
            case "file": {
                Optional<byte[]> content;
                try {
                    content = optionalText(node, "content").map(b -> Base64.getDecoder().decode(b));
                } catch (IllegalArgumentException e) {
                    throw new JournalDamagedException(file, where + ".content is not base64");
                }
                return new Undo.RestoreFile(text(node, "path", where), content, optionalText(node, "mode"),
                        optionalText(node, "symlink"), optionalText(node, "written_sha256"));
            }
            case "remove-address":
                return parsed(where, () -> new Undo.RemoveAddress(text(node, "link", where),
                        InterfaceAddress.parse(text(node, "address", where)),
                        optionalText(node, "peer").map(Addresses::parse)));
            case "remove-route":
                return parsed(where, () -> new Undo.RemoveRoute(IpPrefix.parse(text(node, "destination", where)),
                        optionalText(node, "gateway").map(Addresses::parse), text(node, "link", where)));
            case "restore-link": {
                if (!node.path("mtu").canConvertToInt() || !node.path("up").isBoolean()) {
                    throw new JournalDamagedException(file, where + ".mtu or .up is missing or of the wrong type");
                }
                return parsed(where, () -> new Undo.RestoreLink(text(node, "link", where), node.get("mtu").asInt(),
                        node.get("up").asBoolean()));
            }
            case "nothing":
                return new Undo.Nothing(text(node, "reason", where));
            default:
                throw new JournalDamagedException(file, where + ".kind \"" + kind + "\" is unknown");
        }
    }

    /** Builds a step whose text fields must parse as addresses, prefixes or an MTU. */
    private Undo parsed(String where, StepParser parser) throws JournalDamagedException {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new JournalDamagedException(file, where + ": " + e.getMessage());
        }
    }

    /** One structured undo step read from its JSON fields. */
    @FunctionalInterface
    private interface StepParser {
        Undo parse() throws JournalDamagedException;
    }

    private String text(JsonNode node, String field, String where) throws JournalDamagedException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new JournalDamagedException(file, where + "." + field + " is missing or not text");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

package dev.corridor.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How to take back one applied change; written to the {@link UndoJournal} before the change is made. */
public sealed interface Undo {

    /**
     * True when what this step takes back survives a restart of the machine (a file, or whatever a
     * command changes), so its journal line must reach the disk before the change is made; false for
     * the kernel's own state (addresses, routes, link settings), which a restart clears by itself.
     */
    boolean outlivesRestart();

    /** Run a command (with optional standard input); "already gone" errors count as done. */
    record RunCommand(List<String> command, Optional<String> input) implements Undo {
        public RunCommand {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("an undo command needs at least a program name");
            }
            Objects.requireNonNull(input, "input");
        }

        /** A command without standard input. */
        public static RunCommand of(String... command) {
            return new RunCommand(List.of(command), Optional.empty());
        }

        /** Unknown what a command changes (macOS and Windows DNS settings persist): assume it lasts. */
        @Override
        public boolean outlivesRestart() {
            return true;
        }
    }

    /**
     * Put a file back exactly as it was: its bytes and POSIX mode, or the symbolic link it was, or
     * no file at all when it did not exist.
     *
     * @param path          the file
     * @param content       the previous bytes; empty when the file did not exist (or was a link)
     * @param posixMode     the previous mode such as {@code rw-r--r--}, when known
     * @param symlinkTarget the previous link target when the file was a symbolic link
     * @param writtenSha256 SHA-256 (hex) of what Corridor writes there; when the file holds something else
     *                      at restore time, someone else changed it since and it is left alone
     */
    record RestoreFile(String path, Optional<byte[]> content, Optional<String> posixMode,
            Optional<String> symlinkTarget, Optional<String> writtenSha256) implements Undo {
        public RestoreFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(posixMode, "posixMode");
            Objects.requireNonNull(symlinkTarget, "symlinkTarget");
            Objects.requireNonNull(writtenSha256, "writtenSha256");
            content = content.map(byte[]::clone);
        }

        /** The same backup, restored only while the file still holds {@code sha256}. */
        public RestoreFile onlyIfStill(String sha256) {
            return new RestoreFile(path, content, posixMode, symlinkTarget, Optional.of(sha256));
        }

        @Override
        public boolean outlivesRestart() {
            return true;
        }
    }

    /**
     * Remove an address Corridor added to a link (with its peer, for a point-to-point address); the
     * applier decides how (Linux: an rtnetlink RTM_DELADDR).
     */
    record RemoveAddress(String link, InterfaceAddress address, Optional<InetAddress> peer) implements Undo {
        public RemoveAddress {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public boolean outlivesRestart() {
            return false;
        }

        @Override
        public String toString() {
            return "remove address " + address + peer.map(p -> " peer " + Addresses.format(p)).orElse("")
                    + " from " + link;
        }
    }

    /** Remove a route Corridor added: destination, gateway (if it had one) and link, as it was added. */
    record RemoveRoute(IpPrefix destination, Optional<InetAddress> gateway, String link) implements Undo {
        public RemoveRoute {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public boolean outlivesRestart() {
            return false;
        }

        @Override
        public String toString() {
            return "remove route " + destination + gateway.map(g -> " via " + Addresses.format(g)).orElse("")
                    + " dev " + link;
        }
    }

    /** Put a link's MTU back and, when it was down before Corridor brought it up, take it down again. */
    record RestoreLink(String link, int mtu, boolean up) implements Undo {
        public RestoreLink {
            Objects.requireNonNull(link, "link");
            if (mtu <= 0) {
                throw new IllegalArgumentException("a link's MTU must be positive, not " + mtu);
            }
        }

        @Override
        public boolean outlivesRestart() {
            return false;
        }

        @Override
        public String toString() {
            return "restore link " + link + " to mtu " + mtu + (up ? "" : ", down");
        }
    }

    /** Nothing to do, e.g. for a route that existed before Corridor; the reason is shown in reports. */
    record Nothing(String reason) implements Undo {
        public Nothing {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean outlivesRestart() {
            return false;
        }
    }
}

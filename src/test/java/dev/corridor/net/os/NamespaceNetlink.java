package dev.corridor.net.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.corridor.net.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only: a {@link LinuxApplier} whose netlink sockets live in a named network namespace, so that
 * root integration tests change a throw-away namespace from inside the test JVM. Each socket is
 * opened on a short-lived thread that first joins the namespace with {@code setns(2)} (which moves
 * only that thread); a netlink socket keeps the namespace it was created in, and the thread ends
 * right after, so no thread of the JVM stays in the namespace.
 */
public final class NamespaceNetlink {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    /** The libc calls, bound by direct mapping. */
    private static final class Direct {
        static {
            Native.register(Direct.class, NativeLibrary.getInstance("c"));
        }

        private Direct() {}

        static native int open(String path, int flags);

        static native int setns(int fd, int type);

        static native int close(int fd);
    }

    private NamespaceNetlink() {}

    /**
     * The Linux applier for namespace {@code name} (as made by {@code ip netns add}); {@code runner}
     * must run its commands (resolvectl) inside the namespace too.
     */
    public static LinuxApplier applierIn(String name, CommandRunner runner, Path resolvConf) {
        return new LinuxApplier(() -> openIn(Path.of("/run/netns", name)), runner, resolvConf);
    }

    static NetlinkSocket openIn(Path namespace) throws IOException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                int fd = Direct.open(namespace.toString(), O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    throw new IOException("cannot open " + namespace + ": errno " + Native.getLastError());
                }
                try {
                    if (Direct.setns(fd, CLONE_NEWNET) < 0) {
                        throw new IOException("setns " + namespace + ": errno " + Native.getLastError());
                    }
                } finally {
                    Direct.close(fd);
                }
                result.set(NativeNetlinkSocket.open());
            } catch (IOException | RuntimeException e) {
                result.set(e);
            }
        }, "netlink-in-" + namespace.getFileName());
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening a netlink socket in " + namespace, e);
        }
        Object outcome = result.get();
        if (outcome instanceof NetlinkSocket socket) {
            return socket;
        }
        if (outcome instanceof IOException e) {
            throw e;
        }
        throw new IOException("cannot open a netlink socket in " + namespace, (Throwable) outcome);
    }
}

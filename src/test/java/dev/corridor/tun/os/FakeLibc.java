package dev.corridor.tun.os;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link Libc} for the set-up sequences: hands out descriptor numbers, records each call with a
 * copy of the memory it was given, lets a test fill in what the kernel would write back, and fails
 * the calls a test names with the errno it names.
 */
final class FakeLibc implements Libc {
    /** One call: its name ("open", "ioctl", ...), the descriptor or first integer, and the memory passed in. */
    record Call(String name, int fd, long request, byte[] memory) {}

    private static final Map<Integer, String> TEXTS = Map.of(
            1, "Operation not permitted", 2, "No such file or directory", 13, "Permission denied",
            16, "Device or resource busy", 22, "Invalid argument");

    final List<Call> calls = new ArrayList<>();
    final List<Integer> closed = new ArrayList<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Consumer<Pointer>> kernelWrites = new HashMap<>();
    private int nextFd = 10;

    /** Makes calls named {@code name} ("open", "socket", "ioctl", "connect", "getsockopt", "pipe") fail with {@code errno}. */
    FakeLibc failing(String name, int errno) {
        failures.put(name, errno);
        return this;
    }

    /** Lets calls named {@code name} write into the memory they are given, as the kernel would. */
    FakeLibc writing(String name, Consumer<Pointer> write) {
        kernelWrites.put(name, write);
        return this;
    }

    List<Call> calls(String name) {
        return calls.stream().filter(c -> c.name().equals(name)).toList();
    }

    private int call(String name, int fd, long request, Pointer memory, int size, boolean returnsFd) {
        calls.add(new Call(name, fd, request, memory == null ? new byte[0] : memory.getByteArray(0, size)));
        Integer errno = failures.get(name);
        if (errno != null) {
            return -errno;
        }
        Consumer<Pointer> write = kernelWrites.get(name);
        if (write != null && memory != null) {
            write.accept(memory);
        }
        return returnsFd ? nextFd++ : 0;
    }

    @Override
    public int open(String path, int flags) {
        calls.add(new Call("open:" + path, flags, 0, new byte[0]));
        Integer errno = failures.get("open");
        return errno != null ? -errno : nextFd++;
    }

    @Override
    public int ioctl(int fd, long request, Pointer argument) {
        int size = (int) Math.min(((com.sun.jna.Memory) argument).size(), 128);
        return call("ioctl", fd, request, argument, size, false);
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        calls.add(new Call("socket", domain, ((long) type << 32) | protocol, new byte[0]));
        Integer errno = failures.get("socket");
        return errno != null ? -errno : nextFd++;
    }

    @Override
    public int connect(int fd, Pointer address, int addressLength) {
        return call("connect", fd, addressLength, address, addressLength, false);
    }

    @Override
    public int getsockopt(int fd, int level, int option, Pointer value, Pointer length) {
        calls.add(new Call("getsockopt", fd, ((long) level << 32) | option, length.getByteArray(0, 4)));
        Integer errno = failures.get("getsockopt");
        if (errno != null) {
            return -errno;
        }
        Consumer<Pointer> write = kernelWrites.get("getsockopt");
        if (write != null) {
            write.accept(value);
        }
        return 0;
    }

    @Override
    public int pipe(Pointer twoInts) {
        Integer errno = failures.get("pipe");
        if (errno != null) {
            return -errno;
        }
        twoInts.setInt(0, nextFd++);
        twoInts.setInt(4, nextFd++);
        return 0;
    }

    @Override
    public int poll(Pointer fds, int count, int timeoutMillis) {
        throw new UnsupportedOperationException("the set-up fake does not poll");
    }

    @Override
    public long read(int fd, Pointer buffer, long length) {
        throw new UnsupportedOperationException("the set-up fake does not read");
    }

    @Override
    public long write(int fd, Pointer buffer, long length) {
        return length; // the wake-up byte on close
    }

    @Override
    public int close(int fd) {
        closed.add(fd);
        return 0;
    }

    @Override
    public String describe(int errno) {
        return TEXTS.getOrDefault(errno, "error " + errno);
    }
}

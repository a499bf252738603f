package dev.corridor.tun.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * {@link Libc} on the real C library through JNA. The per-packet calls (poll, read, write) use JNA
 * direct mapping with primitive and {@link Pointer} arguments, so a call allocates nothing; the
 * variadic set-up calls (open, ioctl) go through an interface mapping, which passes variadic
 * arguments the way the platform's ABI wants them (Apple arm64 puts them on the stack).
 * Requires a 64-bit JVM ({@code size_t} and {@code ssize_t} are Java {@code long}s here).
 */
final class NativeLibc implements Libc {
    static final NativeLibc INSTANCE = new NativeLibc();

    /** The variadic functions, mapped so that JNA calls them as variadic. */
    private interface Variadic extends Library {
        int open(String path, int flags, Object... mode);

        int ioctl(int fd, NativeLong request, Object... argument);
    }

    /** The fixed-argument functions, bound by direct mapping. */
    private static final class Direct {
        static {
            Native.register(Direct.class, NativeLibrary.getInstance("c"));
        }

        private Direct() {}

        static native int socket(int domain, int type, int protocol);

        static native int connect(int fd, Pointer address, int addressLength);

        static native int getsockopt(int fd, int level, int option, Pointer value, Pointer length);

        static native int pipe(Pointer fds);

        static native int poll(Pointer fds, long count, int timeoutMillis);

        static native long read(int fd, Pointer buffer, long count);

        static native long write(int fd, Pointer buffer, long count);

        static native int close(int fd);

        static native String strerror(int errno);
    }

    private final Variadic variadic = Native.load("c", Variadic.class);

    private NativeLibc() {}

    private static int orErrno(int result) {
        return result < 0 ? -Native.getLastError() : result;
    }

    private static long orErrno(long result) {
        return result < 0 ? -Native.getLastError() : result;
    }

    @Override
    public int open(String path, int flags) {
        return orErrno(variadic.open(path, flags));
    }

    @Override
    public int ioctl(int fd, long request, Pointer argument) {
        return orErrno(variadic.ioctl(fd, new NativeLong(request), argument));
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return orErrno(Direct.socket(domain, type, protocol));
    }

    @Override
    public int connect(int fd, Pointer address, int addressLength) {
        return orErrno(Direct.connect(fd, address, addressLength));
    }

    @Override
    public int getsockopt(int fd, int level, int option, Pointer value, Pointer length) {
        return orErrno(Direct.getsockopt(fd, level, option, value, length));
    }

    @Override
    public int pipe(Pointer twoInts) {
        return orErrno(Direct.pipe(twoInts));
    }

    @Override
    public int poll(Pointer fds, int count, int timeoutMillis) {
        return orErrno(Direct.poll(fds, count, timeoutMillis));
    }

    @Override
    public long read(int fd, Pointer buffer, long length) {
        return orErrno(Direct.read(fd, buffer, length));
    }

    @Override
    public long write(int fd, Pointer buffer, long length) {
        return orErrno(Direct.write(fd, buffer, length));
    }

    @Override
    public int close(int fd) {
        return orErrno(Direct.close(fd));
    }

    @Override
    public String describe(int errno) {
        return Direct.strerror(errno);
    }
}

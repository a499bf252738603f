package dev.corridor.tun.os;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.util.Set;

/**
 * Opens a real TUN device with the backend for the operating system this runs on: Linux
 * {@code /dev/net/tun}, macOS utun, Windows Wintun. The device carries bare IP packets; giving it
 * addresses, routes and DNS (and, on Linux and Windows, bringing the link up) is the caller's part.
 * Closing the device removes it.
 */
public final class OsTunDevices {
    /** Smallest MTU accepted (the IPv4 minimum). */
    public static final int MIN_MTU = 68;
    /** Largest MTU accepted (the largest IP packet). */
    public static final int MAX_MTU = 65535;

    /** CPU architectures whose Linux ioctl numbers and open flags are the generic ones used here. */
    private static final Set<String> LINUX_ARCHITECTURES = Set.of("x86-64", "aarch64", "riscv64");

    private OsTunDevices() {}

    /**
     * Opens a TUN device.
     *
     * @param requestedName the interface name wanted, or null / empty to let the OS choose one:
     *     Linux any valid name up to 15 characters ({@code tunN} when empty; a {@code %d} in the
     *     name is replaced by a free number); macOS {@code utunN} ({@code utunN} with the next free
     *     N when empty); Windows the adapter name ("Corridor" when empty)
     * @param mtu the largest IP packet, {@value #MIN_MTU}..{@value #MAX_MTU}. Linux and macOS set it
     *     on the interface; on Windows Wintun has no MTU setting and the interface MTU must be set
     *     with the addresses (IP Helper or netsh), the device only reports this value
     * @return the open device; {@link TunDevice#name()} is the name the OS gave it
     * @throws IOException when the OS refuses (e.g. {@code /dev/net/tun: Operation not permitted —
     *     run as root or with CAP_NET_ADMIN}), when the OS or CPU has no backend, or when
     *     {@code wintun.dll} is missing
     * @throws IllegalArgumentException for a name the OS would not accept or an MTU out of range
     */
    public static TunDevice open(String requestedName, int mtu) throws IOException {
        return open(OsFamily.current(), requestedName == null ? "" : requestedName.strip(), mtu);
    }

    static TunDevice open(OsFamily family, String requestedName, int mtu) throws IOException {
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("MTU " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU);
        }
        if (family == OsFamily.UNSUPPORTED) {
            throw new IOException("TUN devices are supported on Linux, macOS and Windows, not on "
                    + System.getProperty("os.name"));
        }
        if (Native.POINTER_SIZE != 8) {
            throw new IOException("TUN devices need a 64-bit Java runtime");
        }
        if (family == OsFamily.LINUX) {
            if (!LINUX_ARCHITECTURES.contains(Platform.ARCH)) {
                throw new IOException("the Linux TUN backend supports " + LINUX_ARCHITECTURES
                        + " processors, not " + Platform.ARCH);
            }
            return new LinuxTun(NativeLibc.INSTANCE).open(requestedName, mtu, PollingTun.DEFAULT_POLL_MILLIS);
        }
        if (family == OsFamily.MACOS) {
            return new DarwinUtun(NativeLibc.INSTANCE).open(requestedName, mtu, PollingTun.DEFAULT_POLL_MILLIS);
        }
        return WindowsWintun.open(requestedName, mtu);
    }
}

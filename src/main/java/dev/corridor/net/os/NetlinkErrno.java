package dev.corridor.net.os;

import java.util.Map;
import java.util.Set;

/**
 * Linux errno values that rtnetlink answers with, as the words a person reads ({@code File exists
 * (EEXIST)}) plus a hint where one helps, and which of them mean "the thing to remove is not there".
 */
final class NetlinkErrno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int ENXIO = 6;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ERANGE = 34;
    static final int ENOBUFS = 105;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETDOWN = 100;
    static final int ENETUNREACH = 101;
    static final int EHOSTUNREACH = 113;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(EPERM, "Operation not permitted (EPERM) — run as root or with CAP_NET_ADMIN"),
            Map.entry(ENOENT, "No such file or directory (ENOENT)"),
            Map.entry(ESRCH, "No such process (ESRCH): no such route"),
            Map.entry(ENXIO, "No such device or address (ENXIO)"),
            Map.entry(EACCES, "Permission denied (EACCES) — run as root or with CAP_NET_ADMIN"),
            Map.entry(EBUSY, "Device or resource busy (EBUSY)"),
            Map.entry(EEXIST, "File exists (EEXIST): it is already there"),
            Map.entry(ENODEV, "No such device (ENODEV)"),
            Map.entry(EINVAL, "Invalid argument (EINVAL)"),
            Map.entry(ERANGE, "Numerical result out of range (ERANGE)"),
            Map.entry(ENOBUFS, "No buffer space available (ENOBUFS)"),
            Map.entry(EOPNOTSUPP, "Operation not supported (EOPNOTSUPP)"),
            Map.entry(EAFNOSUPPORT, "Address family not supported (EAFNOSUPPORT): is IPv6 turned off?"),
            Map.entry(EADDRNOTAVAIL, "Cannot assign requested address (EADDRNOTAVAIL): no such address"),
            Map.entry(ENETDOWN, "Network is down (ENETDOWN)"),
            Map.entry(ENETUNREACH, "Network is unreachable (ENETUNREACH): the gateway is not on a link"),
            Map.entry(EHOSTUNREACH, "No route to host (EHOSTUNREACH)"));

    /** What the kernel says when a route, address or link to delete no longer exists. */
    private static final Set<Integer> GONE = Set.of(ESRCH, ENODEV, EADDRNOTAVAIL, ENOENT, ENXIO);

    private NetlinkErrno() {}

    /** The readable text for {@code errno} (positive). */
    static String describe(int errno) {
        return TEXTS.getOrDefault(errno, "errno " + errno);
    }

    /** True when {@code errno} means the route, address or link is not there (any more). */
    static boolean alreadyGone(int errno) {
        return GONE.contains(errno);
    }
}

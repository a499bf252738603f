package dev.corridor.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS, with a clear error for anything else. */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Addresses() {}

    /** The address written as {@code text}, an IPv4 dotted quad or an IPv6 literal (no host names, no zone). */
    public static InetAddress parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        boolean v4 = IPV4.matcher(trimmed).matches();
        if (!v4 && !IPV6.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not an IP address: '" + trimmed + "'");
        }
        if (v4) {
            for (String part : trimmed.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("not an IP address: '" + trimmed + "'");
                }
            }
        }
        try {
            return InetAddress.getByName(trimmed); // a literal: resolved without any lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + trimmed + "'", e);
        }
    }
}

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

    /** The address as text; IPv6 in its short form (RFC 5952: longest zero run as "::", lower case). */
    public static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}

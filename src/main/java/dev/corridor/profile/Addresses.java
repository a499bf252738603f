package dev.corridor.profile;

/** Syntax checks for IP address text in profiles; never resolves names. */
final class Addresses {
    private Addresses() {}

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A dotted netmask whose one-bits are contiguous, e.g. 255.255.240.0. */
    static boolean isNetmask(String text) {
        if (!isIpv4(text)) {
            return false;
        }
        long value = toLong(text);
        long inverted = ~value & 0xffffffffL;
        return (inverted & (inverted + 1)) == 0;
    }

    static long toLong(String ipv4) {
        long value = 0;
        for (String part : ipv4.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    /** An IPv6 address in any RFC 4291 text form, without zone or prefix. */
    static boolean isIpv6(String text) {
        if (text.isEmpty() || text.length() > 45 || text.indexOf('%') >= 0) {
            return false;
        }
        String head = text;
        int groupsNeeded = 8;
        int lastColon = text.lastIndexOf(':');
        if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
            if (!isIpv4(text.substring(lastColon + 1))) {
                return false;
            }
            head = text.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        }
        int doubleColon = head.indexOf("::");
        if (doubleColon >= 0 && head.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = head.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                boolean partOfDouble = doubleColon >= 0;
                if (!partOfDouble) {
                    return false;
                }
                continue;
            }
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            count++;
        }
        return doubleColon >= 0 ? count < groupsNeeded : count == groupsNeeded;
    }

    /** {@code address/bits} with bits 0..128. */
    static boolean isIpv6Prefix(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return isIpv6(text);
        }
        String bits = text.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(bits) <= 128 && isIpv6(text.substring(0, slash));
    }

    /** A DNS host name (letters, digits, hyphens, dots, underscores), not checked against DNS. */
    static boolean isHostName(String text) {
        if (text.isEmpty() || text.length() > 253) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (label.isEmpty() && !text.endsWith(".")) {
                return false;
            }
            if (label.length() > 63) {
                return false;
            }
            for (char c : label.toCharArray()) {
                if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                    return false;
                }
            }
        }
        return true;
    }
}

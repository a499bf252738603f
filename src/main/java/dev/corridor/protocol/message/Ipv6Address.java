package dev.corridor.protocol.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IPv6 address from a pushed option, held as two 64-bit halves. Parsing accepts RFC 4291 text
 * (groups of 1–4 hex digits, one "::", an optional dotted IPv4 tail) without zone ids;
 * {@link #toString()} writes the RFC 5952 canonical form.
 */
public record Ipv6Address(long high, long low) {

    /** The address {@code text} spells, or empty when it is not IPv6 text. */
    public static Optional<Ipv6Address> parse(String text) {
        if (text == null || text.length() < 2 || text.length() > 45) {
            return Optional.empty();
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        if (doubleColon >= 0) {
            if (!groups(text.substring(0, doubleColon), head, false)
                    || !groups(text.substring(doubleColon + 2), tail, true)) {
                return Optional.empty();
            }
            if (head.size() + tail.size() > 7) {
                return Optional.empty();
            }
        } else {
            if (!groups(text, head, true) || head.size() != 8) {
                return Optional.empty();
            }
        }
        int[] all = new int[8];
        for (int i = 0; i < head.size(); i++) {
            all[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            all[8 - tail.size() + i] = tail.get(i);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | all[i];
            low = low << 16 | all[i + 4];
        }
        return Optional.of(new Ipv6Address(high, low));
    }

    /** Parses ':'-separated groups into {@code out}; the last may be a dotted quad when allowed. */
    private static boolean groups(String text, List<Integer> out, boolean ipv4TailAllowed) {
        if (text.isEmpty()) {
            return true;
        }
        String[] parts = text.split(":", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (ipv4TailAllowed && p == parts.length - 1 && part.indexOf('.') >= 0) {
                Optional<Ipv4Address> v4 = Ipv4Address.parse(part);
                if (v4.isEmpty()) {
                    return false;
                }
                out.add(v4.get().bits() >>> 16);
                out.add(v4.get().bits() & 0xFFFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return false;
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                int digit = c >= '0' && c <= '9' ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) {
                    return false;
                }
                value = value << 4 | digit;
            }
            out.add(value);
        }
        return out.size() <= 8;
    }

    /** The 16 bytes, most significant first. */
    public byte[] toBytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }

    /** RFC 5952 text: lowercase, no leading zeros, the longest run (2+) of zero groups as "::". */
    @Override
    public String toString() {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}

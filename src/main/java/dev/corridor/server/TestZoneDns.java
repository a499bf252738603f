package dev.corridor.server;

import dev.corridor.server.config.Ipv4Address;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The authoritative DNS answers of the virtual network's test zone {@value #ZONE}, so that the
 * pushed DNS servers resolve names without root and without a real resolver:
 *
 * <pre>
 *   endpoint.corridor.test          A  the server's tunnel address
 *   ip-10-100-0-5.corridor.test     A  10.100.0.5   (any address inside the route table)
 *   other names in the zone         NXDOMAIN;   names outside the zone: REFUSED (no recursion)
 *   AAAA / other types of a name    NOERROR, no answer
 *
 *   message: | id | flags | qd=1 | an | ns=0 | ar=0 | qname labels 0 | qtype | qclass | [answer] |
 *   answer:  | C0 0C (name = the question) | type A | class IN | TTL 60 | len 4 | address |
 * </pre>
 *
 * The reply is written over the query (the question is kept, the answer appended).
 */
final class TestZoneDns {
    /** The zone the virtual network answers for. */
    static final String ZONE = "corridor.test";
    private static final int HEADER = 12;
    private static final int ANSWER = 16;
    private static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;
    private static final int TTL_SECONDS = 60;
    private static final int NOERROR = 0;
    private static final int FORMERR = 1;
    private static final int NXDOMAIN = 3;
    private static final int REFUSED = 5;

    private final Ipv4Address serverAddress;
    private final Predicate<Ipv4Address> routed;

    /**
     * @param serverAddress the server's tunnel address
     * @param routed        which addresses are inside the route table
     */
    TestZoneDns(Ipv4Address serverAddress, Predicate<Ipv4Address> routed) {
        this.serverAddress = serverAddress;
        this.routed = routed;
    }

    /**
     * Answers the query of {@code length} bytes at {@code offset} in place. Returns the reply's
     * length, or -1 when the bytes are not a DNS query worth answering (dropped like noise).
     */
    int answer(byte[] message, int offset, int length) {
        if (length < HEADER + 5 || (message[offset + 2] & 0x80) != 0) {
            return -1; // too short, or a response
        }
        int opcode = (message[offset + 2] >> 3) & 0x0f;
        int questions = u16(message, offset + 4);
        StringBuilder name = new StringBuilder();
        int at = offset + HEADER;
        int end = offset + length;
        while (at < end && message[at] != 0) {
            int label = message[at] & 0xff;
            if (label > 63 || at + 1 + label >= end || name.length() + label > 253) {
                return reply(message, offset, offset + HEADER, FORMERR, null);
            }
            if (name.length() > 0) {
                name.append('.');
            }
            for (int i = 1; i <= label; i++) {
                name.append((char) (message[at + i] & 0xff));
            }
            at += 1 + label;
        }
        int questionEnd = at + 5;
        if (opcode != 0 || questions != 1 || questionEnd > end) {
            return reply(message, offset, offset + HEADER, FORMERR, null);
        }
        int type = u16(message, at + 1);
        int klass = u16(message, at + 3);
        String lower = name.toString().toLowerCase(Locale.ROOT);
        if (!lower.equals(ZONE) && !lower.endsWith("." + ZONE)) {
            return reply(message, offset, questionEnd, REFUSED, null);
        }
        Optional<Ipv4Address> address = resolve(lower);
        if (address.isEmpty()) {
            return reply(message, offset, questionEnd, lower.equals(ZONE) ? NOERROR : NXDOMAIN, null);
        }
        boolean a = type == TYPE_A && klass == CLASS_IN;
        return reply(message, offset, questionEnd, NOERROR, a ? address.get() : null);
    }

    private Optional<Ipv4Address> resolve(String name) {
        String host = name.substring(0, name.length() - ZONE.length() - 1);
        if (host.equals("endpoint")) {
            return Optional.of(serverAddress);
        }
        if (host.startsWith("ip-")) {
            Optional<Ipv4Address> address = Ipv4Address.parse(host.substring(3).replace('-', '.'));
            if (address.isPresent() && routed.test(address.get())) {
                return address;
            }
        }
        return Optional.empty();
    }

    private static int reply(byte[] message, int offset, int questionEnd, int rcode, Ipv4Address address) {
        boolean recursionDesired = (message[offset + 2] & 0x01) != 0;
        message[offset + 2] = (byte) (0x80 | 0x04 | (recursionDesired ? 0x01 : 0)); // QR, AA, RD echoed
        message[offset + 3] = (byte) rcode; // RA = 0: no recursion here
        boolean hasQuestion = questionEnd > offset + HEADER;
        put16(message, offset + 4, hasQuestion ? 1 : 0);
        put16(message, offset + 6, address == null ? 0 : 1);
        put16(message, offset + 8, 0);
        put16(message, offset + 10, 0);
        if (address == null) {
            return questionEnd - offset;
        }
        int at = questionEnd;
        if (at + ANSWER > message.length) {
            return -1; // no room for the answer: dropped, the resolver retries
        }
        message[at] = (byte) 0xC0;
        message[at + 1] = (byte) HEADER;
        put16(message, at + 2, TYPE_A);
        put16(message, at + 4, CLASS_IN);
        put16(message, at + 6, 0);
        put16(message, at + 8, TTL_SECONDS);
        put16(message, at + 10, 4);
        int value = address.value();
        message[at + 12] = (byte) (value >>> 24);
        message[at + 13] = (byte) (value >>> 16);
        message[at + 14] = (byte) (value >>> 8);
        message[at + 15] = (byte) value;
        return questionEnd + ANSWER - offset;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }
}

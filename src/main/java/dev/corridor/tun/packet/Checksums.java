package dev.corridor.tun.packet;

/** The Internet checksum (RFC 1071) used by IPv4 headers and ICMP. */
public final class Checksums {
    private Checksums() {}

    /** One's-complement sum of 16-bit words over {@code length} bytes; 0 when a checksummed block verifies. */
    public static short internet(byte[] data, int offset, int length) {
        long sum = 0;
        int i = offset;
        int end = offset + length;
        while (i + 1 < end) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            i += 2;
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}

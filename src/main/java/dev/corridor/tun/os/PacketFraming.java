package dev.corridor.tun.os;

import java.nio.ByteBuffer;

/**
 * What a file-descriptor TUN device puts in front of each IP packet: nothing on Linux
 * ({@code IFF_NO_PI}), a 4-byte address family on macOS utun.
 */
sealed interface PacketFraming permits PacketFraming.Bare, PacketFraming.AddressFamilyHeader {
    /** Bytes in front of every packet. */
    int headerLength();

    /**
     * Writes the header for an IP packet whose first byte is {@code firstByte} at the start of
     * {@code frame}; false when the packet is neither IPv4 nor IPv6 and cannot be framed.
     */
    boolean writeHeader(ByteBuffer frame, byte firstByte);

    /** Whether a frame of {@code length} bytes read from the device carries a packet to deliver. */
    boolean accepts(ByteBuffer frame, int length);

    /** Linux with {@code IFF_NO_PI}: one read or write is exactly one IP packet. */
    record Bare() implements PacketFraming {
        @Override
        public int headerLength() {
            return 0;
        }

        @Override
        public boolean writeHeader(ByteBuffer frame, byte firstByte) {
            return true;
        }

        @Override
        public boolean accepts(ByteBuffer frame, int length) {
            return length > 0;
        }
    }

    /**
     * The BSD loopback-style header macOS utun puts on every packet: the address family as a 32-bit
     * big-endian integer, then the IP packet.
     *
     * <pre>
     *  0       1       2       3       4
     *  +-------+-------+-------+-------+---------------------------+
     *  |  address family, big-endian   |  IPv4 or IPv6 packet ...  |
     *  +-------+-------+-------+-------+---------------------------+
     *   00 00 00 02 = AF_INET   00 00 00 1e = AF_INET6 (30 on macOS)
     * </pre>
     *
     * @param inet the platform's AF_INET
     * @param inet6 the platform's AF_INET6
     */
    record AddressFamilyHeader(int inet, int inet6) implements PacketFraming {
        /** The macOS values. */
        static final AddressFamilyHeader DARWIN = new AddressFamilyHeader(2, 30);

        private static final int LENGTH = 4;

        @Override
        public int headerLength() {
            return LENGTH;
        }

        @Override
        public boolean writeHeader(ByteBuffer frame, byte firstByte) {
            int version = (firstByte >> 4) & 0x0f;
            int family;
            if (version == 4) {
                family = inet;
            } else if (version == 6) {
                family = inet6;
            } else {
                return false;
            }
            frame.put(0, (byte) (family >>> 24)).put(1, (byte) (family >>> 16))
                    .put(2, (byte) (family >>> 8)).put(3, (byte) family);
            return true;
        }

        @Override
        public boolean accepts(ByteBuffer frame, int length) {
            if (length <= LENGTH) {
                return false;
            }
            int family = ((frame.get(0) & 0xff) << 24) | ((frame.get(1) & 0xff) << 16)
                    | ((frame.get(2) & 0xff) << 8) | (frame.get(3) & 0xff);
            return family == inet || family == inet6;
        }
    }
}

package dev.corridor.protocol.data;

/** Reads and writes unsigned big-endian integers ("network order") in byte arrays. */
final class BigEndian {
    private BigEndian() {
    }

    static void writeUint32(byte[] buffer, int offset, long value) {
        buffer[offset] = (byte) (value >>> 24);
        buffer[offset + 1] = (byte) (value >>> 16);
        buffer[offset + 2] = (byte) (value >>> 8);
        buffer[offset + 3] = (byte) value;
    }

    static long readUint32(byte[] buffer, int offset) {
        return ((buffer[offset] & 0xFFL) << 24)
                | ((buffer[offset + 1] & 0xFFL) << 16)
                | ((buffer[offset + 2] & 0xFFL) << 8)
                | (buffer[offset + 3] & 0xFFL);
    }

    static void writeUint24(byte[] buffer, int offset, int value) {
        buffer[offset] = (byte) (value >>> 16);
        buffer[offset + 1] = (byte) (value >>> 8);
        buffer[offset + 2] = (byte) value;
    }

    static int readUint24(byte[] buffer, int offset) {
        return ((buffer[offset] & 0xFF) << 16) | ((buffer[offset + 1] & 0xFF) << 8) | (buffer[offset + 2] & 0xFF);
    }

    static void writeUint64(byte[] buffer, int offset, long value) {
        writeUint32(buffer, offset, value >>> 32);
        writeUint32(buffer, offset + 4, value & 0xFFFFFFFFL);
    }
}

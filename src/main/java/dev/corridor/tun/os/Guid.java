package dev.corridor.tun.os;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A Windows {@code GUID} in memory, for the adapter GUID Wintun is asked to use. Corridor derives it
 * from the adapter name so that Windows recognises the same network on every connect instead of
 * adding a new network-location entry each time.
 *
 * <pre>
 *  0         4       6       8                16
 *  +---------+-------+-------+-----------------+
 *  | Data1   | Data2 | Data3 | Data4[8]        |   UUID 00112233-4455-6677-8899-aabbccddeeff
 *  | u32 LE  | u16 LE| u16 LE| bytes in order  |   -> 33 22 11 00 55 44 77 66 88 99 aa bb cc dd ee ff
 *  +---------+-------+-------+-----------------+
 * </pre>
 */
final class Guid {
    static final int SIZE = 16;

    private Guid() {}

    /** The name-based (version 3) UUID Corridor uses for the adapter called {@code adapterName}. */
    static UUID forAdapter(String adapterName) {
        return UUID.nameUUIDFromBytes(("corridor-wintun-adapter:" + adapterName).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code uuid} laid out as a GUID. */
    static Memory of(UUID uuid) {
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        byte[] bytes = new byte[SIZE];
        int data1 = (int) (high >>> 32);
        short data2 = (short) (high >>> 16);
        short data3 = (short) high;
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (data1 >>> (8 * i));
        }
        bytes[4] = (byte) data2;
        bytes[5] = (byte) (data2 >>> 8);
        bytes[6] = (byte) data3;
        bytes[7] = (byte) (data3 >>> 8);
        for (int i = 0; i < 8; i++) {
            bytes[8 + i] = (byte) (low >>> (8 * (7 - i)));
        }
        Memory guid = new Memory(SIZE);
        guid.write(0, bytes, 0, SIZE);
        return guid;
    }
}

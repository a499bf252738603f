package dev.corridor.packaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads Windows ICO files whose images are PNG-encoded (Windows Vista and later).
 *
 * <pre>
 *   all numbers little-endian
 *   ICONDIR (6 bytes)
 *     0  u16 reserved = 0
 *     2  u16 type     = 1 (icon)
 *     4  u16 count    = N
 *   ICONDIRENTRY x N (16 bytes each)
 *     0  u8  width    (0 means 256)
 *     1  u8  height   (0 means 256)
 *     2  u8  colours in palette = 0
 *     3  u8  reserved = 0
 *     4  u16 colour planes = 1
 *     6  u16 bits per pixel = 32
 *     8  u32 size of the image data
 *    12  u32 offset of the image data from the start of the file
 *   image data: the PNG files, in directory order
 * </pre>
 */
final class IcoContainer {
    private static final int HEADER = 6;
    private static final int ENTRY = 16;

    /** One image of the file. */
    record Entry(int width, int height, byte[] png) {}

    private IcoContainer() {}

    /** The ICO file holding {@code pngBySize} (size → PNG bytes), in ascending size order. */
    static byte[] write(Map<Integer, byte[]> pngBySize) {
        List<Integer> sizes = pngBySize.keySet().stream().sorted().toList();
        ByteBuffer directory = ByteBuffer.allocate(HEADER + ENTRY * sizes.size()).order(ByteOrder.LITTLE_ENDIAN);
        directory.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        int offset = directory.capacity();
        for (int size : sizes) {
            if (size < 1 || size > 256) {
                throw new IllegalArgumentException("ICO images are 1 to 256 pixels, not " + size);
            }
            byte[] png = pngBySize.get(size);
            directory.put((byte) (size == 256 ? 0 : size)).put((byte) (size == 256 ? 0 : size))
                    .put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32)
                    .putInt(png.length).putInt(offset);
            offset += png.length;
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream(offset);
        file.writeBytes(directory.array());
        sizes.forEach(size -> file.writeBytes(pngBySize.get(size)));
        return file.toByteArray();
    }

    /**
     * Reads an ICO file's directory and images.
     *
     * @throws IllegalArgumentException when the header, a directory entry or an image range is wrong
     */
    static List<Entry> read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < HEADER || in.getShort(0) != 0 || in.getShort(2) != 1) {
            throw new IllegalArgumentException("not an ICO file (reserved 0, type 1 expected)");
        }
        int count = Short.toUnsignedInt(in.getShort(4));
        if (count == 0 || file.length < HEADER + ENTRY * count) {
            throw new IllegalArgumentException("ICO directory of " + count + " entries does not fit the file");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = HEADER + ENTRY * i;
            int width = Byte.toUnsignedInt(file[at]) == 0 ? 256 : Byte.toUnsignedInt(file[at]);
            int height = Byte.toUnsignedInt(file[at + 1]) == 0 ? 256 : Byte.toUnsignedInt(file[at + 1]);
            long size = Integer.toUnsignedLong(in.getInt(at + 8));
            long offset = Integer.toUnsignedLong(in.getInt(at + 12));
            if (in.getShort(at + 4) != 1 || in.getShort(at + 6) != 32) {
                throw new IllegalArgumentException("entry " + i + ": 1 plane and 32 bits per pixel expected");
            }
            if (offset < HEADER + ENTRY * count || offset + size > file.length) {
                throw new IllegalArgumentException("entry " + i + ": image data outside the file");
            }
            entries.add(new Entry(width, height, Arrays.copyOfRange(file, (int) offset, (int) (offset + size))));
        }
        return entries;
    }
}

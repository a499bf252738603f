package dev.corridor.packaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes and reads macOS ICNS files whose images are PNG-encoded.
 *
 * <pre>
 *   all numbers big-endian
 *   header (8 bytes)
 *     0  4 bytes  magic "icns"
 *     4  u32      length of the whole file, header included
 *   element x N
 *     0  4 bytes  type, e.g. "ic07"
 *     4  u32      length of the element, these 8 bytes included
 *     8  ...      data: here a PNG file
 *
 *   types used:  icp4 16   icp5 32   ic11 32 (16@2x)   ic12 64 (32@2x)   ic07 128
 *                ic13 256 (128@2x)   ic08 256   ic14 512 (256@2x)   ic09 512   ic10 1024 (512@2x)
 * </pre>
 */
final class IcnsContainer {
    private static final int HEADER = 8;

    /** One element: its four-character type and its data. */
    record Element(String type, byte[] data) {
        Element {
            if (type.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(type)) {
                throw new IllegalArgumentException("an ICNS type is four ASCII characters: " + type);
            }
        }
    }

    /** The ICNS types this project writes, and the pixel size of each. */
    static final List<Object[]> TYPES = List.of(new Object[] {"icp4", 16}, new Object[] {"icp5", 32},
            new Object[] {"ic11", 32}, new Object[] {"ic12", 64}, new Object[] {"ic07", 128},
            new Object[] {"ic13", 256}, new Object[] {"ic08", 256}, new Object[] {"ic14", 512},
            new Object[] {"ic09", 512}, new Object[] {"ic10", 1024});

    private IcnsContainer() {}

    /** The ICNS file holding {@code elements} in the order given. */
    static byte[] write(List<Element> elements) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Element element : elements) {
            body.writeBytes(element.type().getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(ByteBuffer.allocate(4).putInt(HEADER + element.data().length).array());
            body.writeBytes(element.data());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("icns".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(ByteBuffer.allocate(4).putInt(HEADER + body.size()).array());
        file.writeBytes(body.toByteArray());
        return file.toByteArray();
    }

    /**
     * Reads an ICNS file's elements.
     *
     * @throws IllegalArgumentException when the magic, the file length or an element length is wrong
     */
    static List<Element> read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file);
        if (file.length < HEADER || !"icns".equals(new String(file, 0, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("not an ICNS file (magic \"icns\" expected)");
        }
        if (Integer.toUnsignedLong(in.getInt(4)) != file.length) {
            throw new IllegalArgumentException("the ICNS header says " + Integer.toUnsignedLong(in.getInt(4))
                    + " bytes, the file has " + file.length);
        }
        List<Element> elements = new ArrayList<>();
        int at = HEADER;
        while (at < file.length) {
            if (at + HEADER > file.length) {
                throw new IllegalArgumentException("a truncated element header at " + at);
            }
            String type = new String(file, at, 4, StandardCharsets.US_ASCII);
            long length = Integer.toUnsignedLong(in.getInt(at + 4));
            if (length < HEADER || at + length > file.length) {
                throw new IllegalArgumentException("element " + type + " at " + at + ": length " + length
                        + " does not fit the file");
            }
            elements.add(new Element(type, Arrays.copyOfRange(file, at + HEADER, (int) (at + length))));
            at += (int) length;
        }
        return elements;
    }
}

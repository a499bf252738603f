package dev.corridor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The committed icons under {@code icons/} parse (PNG, the ICO directory, the ICNS header and element
 * lengths) and show what {@link IconRenderer} draws. Run with {@code -Dcorridor.icons.write=true} to
 * write them again after changing the drawing:
 * {@code mvn -o test -Dtest=IconFilesTest -Dcorridor.icons.write=true}.
 */
class IconFilesTest {
    private static final Path ICONS = Path.of("icons");
    /** Sizes of the separate PNG files; corridor.png itself is 512. */
    static final List<Integer> PNG_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    /** Per channel, what two Java2D builds may differ by in an anti-aliased edge. */
    private static final int TOLERANCE = 3;

    @Test
    void theCommittedIconsParseAndMatchTheRenderer() throws Exception {
        if (Boolean.getBoolean("corridor.icons.write")) {
            writeAll();
        }
        assertMatches(read(ICONS.resolve("corridor.png")), 512);
        for (int size : PNG_SIZES) {
            assertMatches(read(ICONS.resolve("corridor-" + size + ".png")), size);
        }

        List<IcoContainer.Entry> ico = IcoContainer.read(Files.readAllBytes(ICONS.resolve("corridor.ico")));
        assertThat(ico).extracting(IcoContainer.Entry::width).containsExactlyElementsOf(ICO_SIZES);
        for (IcoContainer.Entry entry : ico) {
            assertThat(entry.height()).isEqualTo(entry.width());
            assertMatches(decode(entry.png()), entry.width());
        }

        List<IcnsContainer.Element> icns = IcnsContainer.read(Files.readAllBytes(ICONS.resolve("corridor.icns")));
        assertThat(icns).extracting(IcnsContainer.Element::type)
                .containsExactlyElementsOf(IcnsContainer.TYPES.stream().map(t -> (String) t[0]).toList());
        for (int i = 0; i < icns.size(); i++) {
            assertMatches(decode(icns.get(i).data()), (Integer) IcnsContainer.TYPES.get(i)[1]);
        }
    }

    @Test
    void containersRoundTripAndRefuseBrokenFiles() throws Exception {
        byte[] png16 = png(IconRenderer.render(16));
        byte[] png256 = png(IconRenderer.render(256));
        Map<Integer, byte[]> images = new LinkedHashMap<>();
        images.put(256, png256);
        images.put(16, png16);
        byte[] ico = IcoContainer.write(images);
        // 6-byte header, two 16-byte entries, then the PNGs smallest first.
        assertThat(Arrays.copyOf(ico, 6)).containsExactly(0, 0, 1, 0, 2, 0);
        assertThat(ico[6 + 16]).as("256 is written as 0").isZero();
        assertThat(IcoContainer.read(ico)).extracting(IcoContainer.Entry::width).containsExactly(16, 256);
        assertThat(IcoContainer.read(ico).get(1).png()).isEqualTo(png256);
        assertThatThrownBy(() -> IcoContainer.read(Arrays.copyOf(ico, ico.length - 1)))
                .hasMessageContaining("outside the file");
        assertThatThrownBy(() -> IcoContainer.write(Map.of(512, png16))).hasMessageContaining("1 to 256");

        byte[] icns = IcnsContainer.write(List.of(new IcnsContainer.Element("icp4", png16),
                new IcnsContainer.Element("ic08", png256)));
        assertThat(new String(icns, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(java.nio.ByteBuffer.wrap(icns).getInt(4)).isEqualTo(icns.length);
        assertThat(java.nio.ByteBuffer.wrap(icns).getInt(12)).isEqualTo(8 + png16.length);
        assertThat(IcnsContainer.read(icns)).extracting(IcnsContainer.Element::type).containsExactly("icp4", "ic08");
        byte[] truncated = Arrays.copyOf(icns, icns.length - 1);
        java.nio.ByteBuffer.wrap(truncated).putInt(4, truncated.length);
        assertThatThrownBy(() -> IcnsContainer.read(truncated)).hasMessageContaining("does not fit the file");
    }

    @Test
    void theDrawingIsOpaqueInsideTransparentOutsideAndHasTheLightInTheMiddle() {
        BufferedImage image = IconRenderer.render(512);
        assertThat(image.getRGB(0, 0) >>> 24).as("corner outside the rounded square").isZero();
        assertThat(image.getRGB(256, 40) >>> 24).isEqualTo(255);
        assertThat(image.getRGB(256, 256) & 0xFFFFFF).as("the doorway's light").isEqualTo(0xFFC94D);
    }

    /** Writes every icon file from the renderer. */
    private static void writeAll() throws IOException {
        Files.createDirectories(ICONS);
        Files.write(ICONS.resolve("corridor.png"), png(IconRenderer.render(512)));
        for (int size : PNG_SIZES) {
            Files.write(ICONS.resolve("corridor-" + size + ".png"), png(IconRenderer.render(size)));
        }
        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int size : ICO_SIZES) {
            ico.put(size, png(IconRenderer.render(size)));
        }
        Files.write(ICONS.resolve("corridor.ico"), IcoContainer.write(ico));
        List<IcnsContainer.Element> icns = new ArrayList<>();
        for (Object[] type : IcnsContainer.TYPES) {
            icns.add(new IcnsContainer.Element((String) type[0], png(IconRenderer.render((Integer) type[1]))));
        }
        Files.write(ICONS.resolve("corridor.icns"), IcnsContainer.write(icns));
    }

    private static void assertMatches(BufferedImage actual, int size) {
        assertThat(actual.getWidth()).isEqualTo(size);
        assertThat(actual.getHeight()).isEqualTo(size);
        BufferedImage expected = IconRenderer.render(size);
        int worst = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int a = actual.getRGB(x, y);
                int e = expected.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    worst = Math.max(worst, Math.abs(((a >>> shift) & 0xFF) - ((e >>> shift) & 0xFF)));
                }
            }
        }
        assertThat(worst).as("largest channel difference at " + size + " px").isLessThanOrEqualTo(TOLERANCE);
    }

    private static BufferedImage read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(Arrays.copyOf(png, 8)).as("PNG signature")
                .containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }
}

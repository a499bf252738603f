package dev.corridor.packaging;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws the Corridor icon at any size with Java2D: a blue rounded square and, in white, a corridor
 * seen from its entrance (ceiling, walls and floor converging) with a warm light in the doorway at
 * its end.
 *
 * <pre>
 *   512-unit design grid                 faces (white, by opacity)
 *   ┌──────────────────────────┐         ceiling  0.30
 *   │ O(112,112)──────(400,112)│         left     0.60
 *   │   ╲  I(212,196)(300,196) │         right    0.45
 *   │    ╲  ┌────┐  ╱          │         floor    0.90
 *   │       │door│             │         door     #FFC94D (the light at the end)
 *   │    ╱  └────┘  ╲          │
 *   │ O(112,400)──────(400,400)│         background: rounded square 24..488, radius 104,
 *   └──────────────────────────┘         gradient #1E6FD9 (top) to #0B3D91 (bottom)
 * </pre>
 */
final class IconRenderer {
    private static final double GRID = 512.0;
    private static final Color TOP = new Color(0x1E6FD9);
    private static final Color BOTTOM = new Color(0x0B3D91);
    private static final Color LIGHT = new Color(0xFFC94D);

    private IconRenderer() {}

    /** The icon as a {@code size} x {@code size} ARGB image. */
    static BufferedImage render(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.scale(size / GRID, size / GRID);
            // Small sizes keep less margin so the drawing stays legible.
            double margin = size <= 32 ? 8 : 24;
            g.setPaint(new GradientPaint(0, (float) margin, TOP, 0, (float) (GRID - margin), BOTTOM));
            g.fill(new RoundRectangle2D.Double(margin, margin, GRID - 2 * margin, GRID - 2 * margin, 208, 208));

            double[] outer = {112, 112, 400, 400};
            double[] inner = {212, 196, 300, 316};
            face(g, 0.30f, outer[0], outer[1], outer[2], outer[1], inner[2], inner[1], inner[0], inner[1]);
            face(g, 0.60f, outer[0], outer[1], inner[0], inner[1], inner[0], inner[3], outer[0], outer[3]);
            face(g, 0.45f, outer[2], outer[1], inner[2], inner[1], inner[2], inner[3], outer[2], outer[3]);
            face(g, 0.90f, outer[0], outer[3], outer[2], outer[3], inner[2], inner[3], inner[0], inner[3]);
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(LIGHT);
            g.fill(new RoundRectangle2D.Double(inner[0], inner[1], inner[2] - inner[0], inner[3] - inner[1], 10, 10));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Fills the quadrilateral (x1,y1)..(x4,y4) in white at {@code opacity}. */
    private static void face(Graphics2D g, float opacity, double... points) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(points[0], points[1]);
        for (int i = 2; i < points.length; i += 2) {
            path.lineTo(points[i], points[i + 1]);
        }
        path.closePath();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, opacity));
        g.setColor(Color.WHITE);
        g.fill(path);
    }
}

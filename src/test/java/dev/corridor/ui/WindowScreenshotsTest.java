package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corridor.auth.saml.CommandBrowser;
import dev.corridor.client.ClientEngine;
import dev.corridor.client.InMemoryTunProvider;
import dev.corridor.server.AuthMode;
import dev.corridor.tun.InMemoryTun;
import dev.corridor.tun.packet.IcmpEcho;
import java.awt.image.BufferedImage;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the main screens in English and Japanese into PNG files (scene snapshots, headless
 * Monocle): disconnected, connected with details and a live graph, the browser sign-in wait, and
 * the login banner. Runs only when {@code -Dcorridor.screenshots=DIR} names the folder, e.g.
 * {@code mvn -o test -Dtest=WindowScreenshotsTest -Dcorridor.screenshots=docs/screenshots}.
 * Japanese needs a font with Japanese glyphs (Debian: fonts-ipafont-gothic).
 */
@ExtendWith(ApplicationExtension.class)
class WindowScreenshotsTest {
    private static final String NOTICE = "Test endpoint on this machine. Profiles: alice, bob, carol"
            + " (certificates); no password needed.";
    @TempDir
    Path temp;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @Test
    void rendersTheMainScreensInEnglishAndJapanese(FxRobot robot) throws Exception {
        String folder = System.getProperty("corridor.screenshots", "");
        assumeTrue(!folder.isBlank(), "set -Dcorridor.screenshots=DIR to render the screenshots");
        Path out = Path.of(folder);
        Files.createDirectories(out);
        try (WindowTestEndpoint mutual = WindowTestEndpoint.start(temp.resolve("mutual"), AuthMode.MUTUAL)) {
            AtomicReference<InMemoryTunProvider> tun = new AtomicReference<>();
            WindowSetup base = mutual.setup(CommandBrowser.parse("true"), Locale.ENGLISH, Optional.of(NOTICE));
            WindowSetup setup = new WindowSetup(base.profiles(), ClientEngine::new, (profile, guard) -> {
                tun.set(new InMemoryTunProvider());
                return tun.get();
            }, base.saml(), base.portHolders(), base.attemptTimeout(), Locale.ENGLISH, base.notice(),
                    Optional.of("alice"));
            WindowDriver window = WindowDriver.open(robot, stage, setup);
            try {
                window.select("alice");
                snapshotBoth(robot, window, out, "main-disconnected");

                robot.clickOn("#connect");
                window.awaitState("Connected", 30);
                window.awaitShowing("#banner-ok", 10);
                for (Locale locale : Texts.LANGUAGES) {
                    robot.interact(() -> window.window.banner().orElseThrow().dialog().close());
                    robot.interact(() -> window.window.useLanguage(locale));
                    AtomicReference<BannerDialog> shown = new AtomicReference<>();
                    robot.interact(() -> {
                        shown.set(new BannerDialog(stage, Texts.forLocale(locale)));
                        shown.get().show(dev.corridor.server.ServerInitializer.BANNER);
                    });
                    BannerDialog banner = shown.get();
                    WaitForAsyncUtils.waitForFxEvents();
                    write(robot, banner.dialog().getDialogPane().getScene(),
                            out.resolve("banner-" + locale.getLanguage() + ".png"));
                    robot.interact(() -> banner.dialog().close());
                }
                String gateway = window.window.details().value("ipv4");
                traffic(tun.get().device(), gateway, Duration.ofSeconds(40));
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.window.graph().points() >= 30);
                snapshotBoth(robot, window, out, "main-connected");
                robot.clickOn("#disconnect");
                window.awaitState("Disconnected", 10);
            } finally {
                window.close();
            }
        }
        try (WindowTestEndpoint federated = WindowTestEndpoint.start(temp.resolve("saml"), AuthMode.FEDERATED)) {
            WindowDriver window = WindowDriver.open(robot, stage, federated.setup(CommandBrowser.parse("true"),
                    Locale.ENGLISH, Optional.empty()));
            try {
                window.select("carol");
                robot.clickOn("#connect");
                window.awaitShowing("#sign-in-pane", 20);
                snapshotBoth(robot, window, out, "saml-wait");
                robot.clickOn("#cancel-sign-in");
                window.awaitState("Disconnected", 10);
            } finally {
                window.close();
            }
        }
        for (String name : new String[] {"main-disconnected", "main-connected", "saml-wait", "banner"}) {
            for (Locale locale : Texts.LANGUAGES) {
                assertThat(out.resolve(name + "-" + locale.getLanguage() + ".png")).isNotEmptyFile();
            }
        }
    }

    /** Pings the server's tunnel address through the in-memory TUN with a load that rises and falls. */
    private static void traffic(InMemoryTun device, String ipv4Line, Duration length) throws Exception {
        Inet4Address source = (Inet4Address) InetAddress.getByName(ipv4Line.substring(0, ipv4Line.indexOf(' ')));
        byte[] mask = InetAddress.getByName(ipv4Line.substring(ipv4Line.indexOf('(') + 1, ipv4Line.indexOf(')')))
                .getAddress();
        byte[] server = source.getAddress();
        for (int i = 0; i < 4; i++) {
            server[i] &= mask[i];
        }
        server[3] += 1; // the endpoint answers on the first address of the client CIDR
        Inet4Address target = (Inet4Address) InetAddress.getByAddress(server);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread drain = new Thread(() -> {
            try {
                while (running.get()) {
                    device.takeDelivered(Duration.ofMillis(100));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        drain.start();
        long end = System.nanoTime() + length.toNanos();
        int sequence = 0;
        try {
            while (System.nanoTime() < end) {
                double phase = (end - System.nanoTime()) / 1e9;
                int burst = (int) (6 + 5 * Math.sin(phase / 4));
                for (int i = 0; i < burst; i++) {
                    device.inject(IcmpEcho.request(source, target, 7, ++sequence & 0xffff, 1000));
                }
                Thread.sleep(100);
            }
        } finally {
            running.set(false);
            drain.join();
        }
    }

    private static void snapshotBoth(FxRobot robot, WindowDriver window, Path out, String name) throws Exception {
        for (Locale locale : Texts.LANGUAGES) {
            robot.interact(() -> window.window.useLanguage(locale));
            WaitForAsyncUtils.waitForFxEvents();
            write(robot, window.window.root().getScene(), out.resolve(name + "-" + locale.getLanguage() + ".png"));
        }
        robot.interact(() -> window.window.useLanguage(Locale.ENGLISH));
    }

    private static void write(FxRobot robot, Scene scene, Path file) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(scene.snapshot(null)));
        WritableImage shot = image.get();
        int width = (int) shot.getWidth();
        int height = (int) shot.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = shot.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(buffered, "png", file.toFile());
    }
}

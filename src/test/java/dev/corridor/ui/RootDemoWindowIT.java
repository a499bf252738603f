package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.cli.demo.DemoEnvironment;
import dev.corridor.cli.demo.DemoInfo;
import dev.corridor.cli.demo.DemoMode;
import dev.corridor.cli.demo.DemoNetwork;
import dev.corridor.cli.demo.LabLayout;
import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The root demo's window (integration test, root): with the demo's namespace lab running (named
 * {@code cdemo-it-*}), the window made as {@code corridor demo} makes it ({@code realTunnel}) connects
 * the certificate profile through a real TUN device on this machine, the lab host 10.100.0.10 answers
 * ping through it, and disconnecting takes the route back.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(600)
class RootDemoWindowIT {
    private static final LabLayout LAB = new LabLayout("cdemo-it-", 252);
    private static DemoEnvironment demo;
    private static final Thread CLEANUP = new Thread(() -> {
        if (demo != null) {
            demo.close();
        }
    }, "root-demo-window-it-cleanup");
    private Stage stage;

    @BeforeAll
    static void startTheRootDemo() throws Exception {
        assertThat(System.getProperty("user.name")).as("RootDemoWindowIT needs root").isEqualTo("root");
        Runtime.getRuntime().addShutdownHook(CLEANUP);
        demo = DemoEnvironment.start(DataDirectory.current(), new DemoNetwork.Namespaces(LAB), Clock.systemUTC(),
                new SecureRandom(), line -> { });
    }

    @AfterAll
    static void stopTheRootDemo() {
        try {
            if (demo != null) {
                demo.close();
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(CLEANUP);
        }
    }

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @Test
    void theDemoWindowConnectsThroughARealTunnelToTheLabHost(FxRobot robot) throws Exception {
        ProfileStore store = ProfileStore.open(DataDirectory.current(), ProfileParser.standard(), Clock.systemUTC());
        String profile = DemoMode.CERTIFICATE.profileName();
        WindowSetup setup = WindowSetup.forStore(store, new DesktopWindow.Options(Optional.of(profile),
                Optional.of(DemoInfo.notice(demo.network())), true)).withLocale(Locale.ENGLISH);
        WindowDriver window = WindowDriver.open(robot, stage, setup);
        try {
            window.select(profile);
            robot.clickOn("#connect");
            window.awaitState("Connected", 120);
            window.awaitShowing("#banner-ok", 20);
            robot.clickOn("#banner-ok");

            assertThat(run("ip", "route", "get", LabLayout.LAB_HOST)).as("routed into the tunnel")
                    .containsPattern("via 10\\.200\\.0\\.1 dev tun\\d+");
            assertThat(run("ping", "-c", "3", "-W", "5", LabLayout.LAB_HOST)).contains("3 received");

            robot.clickOn("#disconnect");
            window.awaitState("Disconnected", 30);
            assertThat(window.failure()).isEmpty();
            assertThat(run("ip", "route", "get", LabLayout.LAB_HOST)).doesNotContainPattern("dev tun\\d+");
            assertThat(DataDirectory.current().resolve("network-journal.json")).doesNotExist();
        } finally {
            window.close();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}

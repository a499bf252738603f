package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.saml.CommandBrowser;
import dev.corridor.server.AuthMode;
import dev.corridor.server.ServerInitializer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window against the bundled test endpoint with certificate (mutual) authentication, in-process
 * with the in-memory TUN: connect, the details and the login banner, disconnect, and the language switch.
 */
@ExtendWith(ApplicationExtension.class)
class MutualConnectionWindowTest {
    @TempDir
    static Path temp;
    private static WindowTestEndpoint endpoint;
    private Stage stage;
    private WindowDriver driver;

    @BeforeAll
    static void serve() throws Exception {
        endpoint = WindowTestEndpoint.start(temp, AuthMode.MUTUAL);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void closeWindow() {
        if (driver != null) {
            driver.close();
        }
    }

    private WindowDriver open(FxRobot robot, Locale locale, Optional<String> notice) throws Exception {
        driver = WindowDriver.open(robot, stage, endpoint.setup(CommandBrowser.parse("true"), locale, notice));
        return driver;
    }

    @Test
    void connectsShowsTheDetailsAndTheBannerThenDisconnects(FxRobot robot) throws Exception {
        WindowDriver window = open(robot, Locale.ENGLISH, Optional.of("Demo users: alice, bob"));
        assertThat(window.state()).isEqualTo("Disconnected");
        assertThat(robot.lookup("#notice").queryAs(TextArea.class).getText()).isEqualTo("Demo users: alice, bob");
        assertThat(robot.lookup("#disconnect").queryAs(Button.class).isDisabled()).isTrue();
        window.select("alice");
        robot.clickOn("#connect");

        window.awaitState("Connected", 30);
        window.awaitShowing("#banner-ok", 10);
        assertThat(robot.lookup("#banner-text").queryAs(TextArea.class).getText())
                .isEqualTo(ServerInitializer.BANNER);
        robot.clickOn("#banner-ok");
        assertThat(window.window.banner().orElseThrow().isShowing()).isFalse();

        assertThat(window.text("#details-ipv4")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+ \\(255\\.\\d+\\.\\d+\\.\\d+\\)");
        assertThat(window.text("#details-protocol")).isEqualTo("UDP");
        assertThat(window.text("#details-server")).endsWith(":" + endpoint.server.localAddress().getPort());
        assertThat(window.text("#details-cipher")).isEqualTo("AES-256-GCM (tls-ekm)");
        // The test endpoint's 24-hour maximum session, pushed as setenv-safe CORRIDOR_SESSION_SECONDS_LEFT,
        // counts down; far from its end, no session-end notice.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.text("#details-session-left").startsWith("23:59:"));
        assertThat(window.text("#details-session-left")).matches("23:59:[0-5]\\d");
        assertThat(window.window.sessionEnding().isVisible()).isFalse();
        // Four minutes before the end (the window's own clock pushed forward): the notice line, once
        java.time.Instant late = java.time.Instant.now().plus(java.time.Duration.ofHours(23).plusMinutes(56));
        robot.interact(() -> window.window.checkSessionEnd(late));
        assertThat(window.window.sessionEnding().isVisible()).isTrue();
        assertThat(window.text("#session-ending"))
                .matches("This session reaches its maximum duration at \\d\\d:\\d\\d and will then end\\..*");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.text("#details-connected-time").startsWith("0:00:0"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.window.graph().points() >= 1);
        // The engine's probe pings the gateway through the tunnel; the test endpoint answers.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.text("#details-round-trip").endsWith(" ms"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.window.graph().roundTripPoints() >= 1);
        assertThat(robot.lookup("#connect").queryAs(Button.class).isDisabled()).isTrue();

        robot.clickOn("#disconnect");
        window.awaitState("Disconnected", 10);
        assertThat(window.failure()).isEmpty();
        assertThat(window.text("#details-ipv4")).isEqualTo("\u2014");
        assertThat(window.window.sessionEnding().isVisible()).isFalse();
        assertThat(robot.lookup("#connect").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void switchingToJapaneseRelabelsTheWindowAndBack(FxRobot robot) throws Exception {
        WindowDriver window = open(robot, Locale.ENGLISH, Optional.empty());
        assertThat(robot.lookup("#connect").queryAs(Button.class).getText()).isEqualTo("_Connect");

        robot.clickOn("#menu-view").clickOn("#menu-language").clickOn("#menu-language-ja");

        assertThat(robot.lookup("#connect").queryAs(Button.class).getText()).isEqualTo("接続(_C)");
        assertThat(robot.lookup("#connect").queryAs(Button.class).getAccessibleText()).isEqualTo("選択したプロファイルに接続");
        assertThat(window.state()).isEqualTo("切断されています");
        assertThat(window.text("#details-ipv4")).isEqualTo("\u2014");
        assertThat(stage.getTitle()).isEqualTo("Corridor");

        robot.interact(() -> window.window.useLanguage(Locale.ENGLISH));
        assertThat(window.state()).isEqualTo("Disconnected");
        assertThat(robot.lookup("#disconnect").queryAs(Button.class).getText()).isEqualTo("_Disconnect");
    }

    @Test
    void theKeyboardAloneConnectsAndDisconnects(FxRobot robot) throws Exception {
        WindowDriver window = open(robot, Locale.ENGLISH, Optional.empty());
        window.select("bob");
        robot.interact(() -> robot.lookup("#profile").query().requestFocus());
        robot.type(javafx.scene.input.KeyCode.ENTER); // Connect is the default button
        window.awaitState("Connected", 30);
        window.awaitShowing("#banner-ok", 10);
        robot.type(javafx.scene.input.KeyCode.ENTER); // OK is the banner's default button
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.window.banner().orElseThrow().isShowing());
        robot.press(javafx.scene.input.KeyCode.ALT).type(javafx.scene.input.KeyCode.D)
                .release(javafx.scene.input.KeyCode.ALT); // the Disconnect button's mnemonic
        window.awaitState("Disconnected", 10);
    }
}

package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.saml.CommandBrowser;
import dev.corridor.server.AuthMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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

/**
 * The window against the bundled endpoint with directory authentication: the sign-in dialog with
 * the MFA code of the profile's {@code static-challenge} (alice's TOTP), a refused password, and a
 * cancelled dialog.
 */
@ExtendWith(ApplicationExtension.class)
class DirectoryConnectionWindowTest {
    @TempDir
    static Path temp;
    private static WindowTestEndpoint endpoint;
    private Stage stage;
    private WindowDriver driver;

    @BeforeAll
    static void serve() throws Exception {
        endpoint = WindowTestEndpoint.start(temp, AuthMode.DIRECTORY);
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

    private WindowDriver open(FxRobot robot) throws Exception {
        driver = WindowDriver.open(robot, stage, endpoint.setup(CommandBrowser.parse("true"), Locale.ENGLISH,
                Optional.empty()));
        return driver;
    }

    @Test
    void signsInWithPasswordAndMfaCodeTypedIntoTheDialog(FxRobot robot) throws Exception {
        WindowDriver window = open(robot);
        window.select("alice");
        robot.clickOn("#connect");
        window.awaitShowing("#mfa-code", 15);
        assertThat(window.state()).isEqualTo("Waiting for your sign-in");
        // static-challenge "Enter MFA code " 1: the code is echoed, the password is masked
        assertThat((Object) robot.lookup("#mfa-code").query()).isNotInstanceOf(PasswordField.class).isInstanceOf(TextField.class);
        assertThat((Object) robot.lookup("#password").query()).isInstanceOf(PasswordField.class);
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).anyMatch(l -> "Enter MFA code:".equals(l.getText()));

        // The dialog opens with the focus in the username field; then password, code; Enter presses Sign in.
        assertThat(robot.lookup("#username").query().isFocused()).isTrue();
        robot.targetWindow(robot.lookup("#username").query().getScene().getWindow());
        robot.write("alice").type(KeyCode.TAB).write(endpoint.password("alice")).type(KeyCode.TAB)
                .write(endpoint.totp("alice"));
        robot.type(KeyCode.ENTER);

        window.awaitState("Connected", 30);
        assertThat(window.failure()).isEmpty();
        assertThat(window.text("#details-ipv4")).doesNotStartWith("\u2014");
        window.awaitShowing("#banner-ok", 10);
        robot.clickOn("#banner-ok");
        robot.clickOn("#disconnect");
        window.awaitState("Disconnected", 10);
    }

    @Test
    void aRefusedPasswordIsShownAsOneSentence(FxRobot robot) throws Exception {
        WindowDriver window = open(robot);
        window.select("bob");
        robot.clickOn("#connect");
        window.awaitShowing("#password", 15);
        assertThat(robot.lookup("#mfa-code").tryQuery()).as("bob has no static-challenge").isEmpty();
        robot.clickOn("#username").write("bob").clickOn("#password").write("not-the-password").clickOn("#sign-in");

        window.awaitState("Disconnected", 30);
        assertThat(window.failure()).startsWith("The server refused the sign-in").doesNotContain("Exception")
                .doesNotContain("\n");
        assertThat(endpoint.serverLog).anyMatch(line -> line.contains("bob"));
    }

    @Test
    void cancellingTheDialogLeavesTheWindowDisconnectedWithoutComplaint(FxRobot robot) throws Exception {
        WindowDriver window = open(robot);
        window.select("carol");
        robot.clickOn("#connect");
        window.awaitShowing("#username", 15);
        robot.targetWindow(robot.lookup("#username").query().getScene().getWindow());
        robot.type(KeyCode.ESCAPE);
        window.awaitState("Disconnected", 10);
        assertThat(window.failure()).isEmpty();
    }
}

package dev.corridor.ui;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the main window on a TestFX stage and reads and drives it as a user would. */
final class WindowDriver {
    final FxRobot robot;
    final MainWindow window;
    private final Stage stage;

    private WindowDriver(FxRobot robot, MainWindow window, Stage stage) {
        this.robot = robot;
        this.window = window;
        this.stage = stage;
    }

    /** Builds the window for {@code setup} on {@code stage} and shows it; waits until the profiles are listed. */
    static WindowDriver open(FxRobot robot, Stage stage, WindowSetup setup) throws TimeoutException {
        MainWindow[] made = new MainWindow[1];
        robot.interact(() -> {
            made[0] = new MainWindow(setup);
            stage.setScene(new Scene(made[0].root(), MainWindow.WIDTH, MainWindow.HEIGHT));
            made[0].attach(stage);
            stage.show();
            stage.toFront();
        });
        WindowDriver driver = new WindowDriver(robot, made[0], stage);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !driver.robot.lookup("#profile").queryAs(ComboBox.class).getItems().isEmpty());
        return driver;
    }

    /** Picks {@code profile} in the selector with the keyboard-free way TestFX offers (the list is a popup). */
    WindowDriver select(String profile) {
        robot.interact(() -> robot.lookup("#profile").<String>queryComboBox().setValue(profile));
        return this;
    }

    String text(String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    String state() {
        return text("#state");
    }

    String failure() {
        Label failure = robot.lookup("#failure").queryAs(Label.class);
        return failure.isVisible() ? failure.getText() : "";
    }

    /** Waits until the state line reads {@code expected}. */
    void awaitState(String expected, int seconds) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> state().equals(expected));
            // The label is read off the FX thread and can show the new state while the same update is
            // still rendering the rest of the window (the details below it): let that update finish.
            WaitForAsyncUtils.waitForFxEvents();
        } catch (TimeoutException e) {
            throw new TimeoutException("state stayed \"" + state() + "\" (failure: \"" + failure() + "\"), wanted \""
                    + expected + "\"");
        }
    }

    /** Waits until a node matching {@code query} is showing (in any window, dialogs included). */
    void awaitShowing(String query, int seconds) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .map(WindowDriver::showing).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** True when the node and all its parents are visible, in a window that is showing. */
    static boolean showing(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    String fieldText(String query) {
        return robot.lookup(query).queryAs(TextInputControl.class).getText();
    }

    /** Closes every window but the main one (dialogs left open by a test) and stops the window's threads. */
    void close() {
        robot.interact(() -> {
            for (Window other : new ArrayList<>(Window.getWindows())) {
                if (other != stage && other instanceof Stage open) {
                    open.close();
                }
            }
        });
        window.shutdown();
    }
}

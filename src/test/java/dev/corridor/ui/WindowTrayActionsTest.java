package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.saml.CommandBrowser;
import dev.corridor.client.ConnectionState;
import dev.corridor.server.AuthMode;
import dev.corridor.ui.manage.TrayStatus;
import dev.corridor.ui.manage.WindowTrayActions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The tray icon's actions carried out on the real main window (no AWT tray: the adapter and the
 * status are what the icon would call and show), against the bundled endpoint with mutual auth.
 */
@ExtendWith(ApplicationExtension.class)
class WindowTrayActionsTest {
    @TempDir
    Path temp;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @Test
    void trayActionsDriveTheWindowAndTheStatusFollowsIt(FxRobot robot) throws Exception {
        AtomicInteger shown = new AtomicInteger();
        AtomicInteger quits = new AtomicInteger();
        try (WindowTestEndpoint endpoint = WindowTestEndpoint.start(temp, AuthMode.MUTUAL)) {
            WindowDriver window = WindowDriver.open(robot, stage,
                    endpoint.setup(CommandBrowser.parse("true"), Locale.ENGLISH, Optional.empty()));
            try {
                WindowTrayActions tray = new WindowTrayActions(window.window, shown::incrementAndGet,
                        quits::incrementAndGet);
                TrayStatus idle = status(robot, window);
                assertThat(idle.state()).isEqualTo(ConnectionState.DISCONNECTED);
                assertThat(idle.activeProfile()).isEmpty();
                assertThat(idle.profiles()).contains("alice", "bob");

                robot.interact(() -> tray.connect("alice"));
                window.awaitState("Connected", 30);
                TrayStatus connected = status(robot, window);
                assertThat(connected.state()).isEqualTo(ConnectionState.CONNECTED);
                assertThat(connected.activeProfile()).contains("alice");

                robot.interact(tray::disconnect);
                window.awaitState("Disconnected", 20);
                assertThat(status(robot, window).activeProfile()).isEmpty();

                robot.interact(() -> {
                    tray.showWindow();
                    tray.quit();
                });
                assertThat(shown.get()).isEqualTo(1);
                assertThat(quits.get()).isEqualTo(1);
            } finally {
                window.close();
            }
        }
    }

    private static TrayStatus status(FxRobot robot, WindowDriver window) {
        TrayStatus[] status = new TrayStatus[1];
        robot.interact(() -> status[0] = WindowTrayActions.status(window.window));
        return status[0];
    }
}

package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * {@link DesktopWindow#run} as the CLI and the demo call it: it opens the window on the user's
 * profile store with the notice and the preselected profile, lets an extension add a menu item,
 * and returns 0 once the window is closed.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopWindowRunTest {
    @Test
    void runOpensTheWindowAndReturnsWhenItIsClosed(FxRobot robot) throws Exception {
        Path home = DataDirectory.current();
        ProfileStore store = ProfileStore.open(home, ProfileParser.standard(), Clock.systemUTC());
        String name = "run-test-" + System.nanoTime();
        byte[] profile = Files.readAllBytes(Path.of("src/test/resources/profiles/valid/aws-directory-mfa.ovpn"));
        store.importText(name, profile, "test");
        CompletableFuture<MainWindow> opened = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> DesktopWindow.run(
                new DesktopWindow.Options(Optional.of(name), Optional.of("demo users: alice"), false), window -> {
                    window.addMenuItem(MenuPlace.PROFILES, t -> t.get("menu.connect") + "...", () -> { });
                    opened.complete(window);
                }));
        try {
            MainWindow window = opened.get(20, TimeUnit.SECONDS);
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> window.selectedProfile().equals(Optional.of(name)));
            assertThat(robot.lookup("#notice").queryAs(TextArea.class).getText()).isEqualTo("demo users: alice");
            assertThat(exit).isNotDone();
            robot.interact(() -> ((Stage) window.root().getScene().getWindow()).close());
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        } finally {
            store.delete(name);
        }
    }
}

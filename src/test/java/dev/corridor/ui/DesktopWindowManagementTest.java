package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.corridor.platform.DataDirectory;
import dev.corridor.settings.PreferencesStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@link DesktopWindow#run} wires the management windows into the real window: the menu items at
 * their places open their windows, and the preferences file's language is the window's at start.
 * Headless, so there is no tray and closing the window ends the run as before.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopWindowManagementTest {
    private final Path preferences = DataDirectory.current().resolve(PreferencesStore.FILE_NAME);
    private final Level rootLevel = root().getLevel();
    private byte[] previous;
    private CompletableFuture<Integer> exit;
    private MainWindow window;

    @BeforeEach
    void keepPreferences() throws Exception {
        previous = Files.exists(preferences) ? Files.readAllBytes(preferences) : null;
    }

    @AfterEach
    void restore(FxRobot robot) throws Exception {
        if (window != null) {
            robot.interact(() -> List.copyOf(Window.getWindows()).stream()
                    .filter(w -> w != stage()).forEach(Window::hide));
            robot.interact(() -> stage().close());
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        }
        if (previous != null) {
            Files.write(preferences, previous);
        } else {
            Files.deleteIfExists(preferences);
        }
        root().setLevel(rootLevel); // run() applies the preferences' log level to this JVM's Logback
    }

    @Test
    void theManagementItemsAreInTheMenusAndOpenTheirWindows(FxRobot robot) throws Exception {
        Files.deleteIfExists(preferences);
        open();
        assertThat(texts(robot, "menu-connection")).contains("Manage _profiles…");
        assertThat(texts(robot, "menu-view")).contains("_Logs…");
        assertThat(texts(robot, "menu-tools")).containsSubsequence("Pr_eferences…", "E_xport diagnostics…");
        assertThat((Object) on(robot, w -> menu(robot, "menu-tools").isVisible())).isEqualTo(true);
        assertThat((Object) on(robot, w -> item(robot, "menu-connection", "menu-profiles").getAccelerator())).isNotNull();

        robot.interact(() -> item(robot, "menu-connection", "menu-profiles").fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> titled("Manage profiles"));
        robot.interact(() -> item(robot, "menu-view", "menu-logs").fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> titled("Corridor logs"));
        robot.interact(() -> item(robot, "menu-tools", "menu-preferences").fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#prefs-save").tryQuery().isPresent());
    }

    @Test
    void japaneseInThePreferencesGivesAJapaneseWindow(FxRobot robot) throws Exception {
        Files.createDirectories(preferences.getParent());
        Files.writeString(preferences, "{\"version\":1,\"language\":\"JAPANESE\"}");
        open();
        Texts ja = Texts.forLocale(Locale.JAPANESE);
        assertThat((Object) on(robot, w -> w.labels().texts().locale())).isEqualTo(Locale.JAPANESE);
        assertThat((Object) on(robot, w -> stage().getTitle())).isEqualTo(ja.get("app.title"));
        assertThat(texts(robot, "menu-connection")).contains(ja.get("manage.menu.profiles"));
    }

    private void open() throws Exception {
        CompletableFuture<MainWindow> opened = new CompletableFuture<>();
        exit = CompletableFuture.supplyAsync(() -> DesktopWindow.run(DesktopWindow.Options.defaults(),
                opened::complete));
        window = opened.get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> stage().isShowing());
    }

    private Stage stage() {
        return (Stage) window.root().getScene().getWindow();
    }

    private static boolean titled(String title) {
        return Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && title.equals(s.getTitle())
                && s.isShowing());
    }

    private <T> T on(FxRobot robot, Function<MainWindow, T> read) {
        List<T> result = new ArrayList<>();
        robot.interact(() -> result.add(read.apply(window)));
        return result.get(0);
    }

    private List<String> texts(FxRobot robot, String menuId) {
        return on(robot, w -> menu(robot, menuId).getItems().stream().map(MenuItem::getText).toList());
    }

    private Menu menu(FxRobot robot, String id) {
        MenuBar bar = (MenuBar) window.root().lookup(".menu-bar");
        return bar.getMenus().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }

    private MenuItem item(FxRobot robot, String menuId, String itemId) {
        return menu(robot, menuId).getItems().stream().filter(i -> itemId.equals(i.getId())).findFirst()
                .orElseThrow();
    }

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}

package dev.corridor.ui.manage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.corridor.logging.RecentLogAppender;
import dev.corridor.profile.DirectiveCatalogue;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.StoredProfile;
import dev.corridor.settings.Preferences;
import dev.corridor.settings.PreferencesLoad;
import dev.corridor.settings.PreferencesStore;
import dev.corridor.ui.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window's entry points open each management window, and the profile window works by keyboard. */
@ExtendWith(ApplicationExtension.class)
class ManagementMenuTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path data;
    private Stage owner;
    private ProfileStore store;
    private ManagementMenu menu;
    private LoggerContext logContext;
    private final AtomicInteger profileChanges = new AtomicInteger();
    private final List<Preferences> saved = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        owner = stage;
        store = ProfileStore.open(data,
                new ProfileParser(DirectiveCatalogue.forPlatform(DirectiveCatalogue.PlatformKind.LINUX), CLOCK), CLOCK);
        logContext = new LoggerContext();
        logContext.setMDCAdapter(new LogbackMDCAdapter());
        logContext.start();
        ManageContext context = new ManageContext(() -> owner, data, store, new PreferencesStore(data),
                RecentLogAppender.install(logContext, 100), Texts.forLocale(Locale.ENGLISH),
                BackgroundWork.singleThread(), CLOCK, profileChanges::incrementAndGet, saved::add);
        menu = new ManagementMenu(context);
        Scene scene = new Scene(new StackPane(), 300, 200);
        menu.installDropTarget(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Saving preferences applies the log level to the test JVM's Logback; it is put back afterwards. */
    private final ch.qos.logback.classic.Level rootLevel = ((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel();

    @AfterEach
    void close(FxRobot robot) {
        ((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .setLevel(rootLevel);
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != owner).forEach(Window::hide));
        logContext.stop();
    }

    @Test
    void theItemsAreNamedInTheWindowsLanguage() {
        List<MenuItem> items = Fx.on(menu::items);
        assertThat(items).extracting(MenuItem::getText).containsExactly("Manage _profiles…", "Pr_eferences…",
                "_Logs…", null, "E_xport diagnostics…");
        assertThat(items.get(0).getAccelerator()).isNotNull();
    }

    @Test
    void aFileHandedOverFromTheMainWindowIsImportedInTheProfilesWindow(FxRobot robot) throws Exception {
        robot.interact(() -> menu.importFile(Fx.fixture("valid", "aws-mutual.ovpn")));

        Fx.waitUntil(() -> profileChanges.get() == 1);
        assertThat(store.list()).extracting(StoredProfile::name).containsExactly("aws-mutual");
        ProfilesWindow first = Fx.on(menu::showProfiles);
        assertThat(Fx.on(menu::showProfiles)).as("one window, brought to the front").isSameAs(first);
        assertThat(first.pane().status()).isEqualTo("Imported “aws-mutual”.");
    }

    @Test
    void theProfilesWindowIsUsableByKeyboard(FxRobot robot) {
        robot.interact(() -> menu.showProfiles());
        TextField name = robot.lookup("#profile-name").queryAs(TextField.class);
        robot.interact(name::requestFocus);
        robot.write("Office").type(KeyCode.TAB);
        Node focused = Fx.on(() -> name.getScene().getFocusOwner());
        assertThat(focused.getId()).isEqualTo("profile-file");
        robot.interact(() -> ((TextField) focused).setText(Fx.fixture("valid", "aws-mutual.ovpn").toString()));
        robot.type(KeyCode.ENTER);

        Fx.waitUntil(() -> profileChanges.get() == 1);
        assertThat(name.getText()).isEmpty();
    }

    @Test
    void preferencesAndLogsOpen(FxRobot robot) {
        robot.interact(menu::showPreferences);
        Fx.waitUntil(() -> robot.lookup("#prefs-save").tryQuery().isPresent());
        robot.clickOn("#prefs-minimised").clickOn("#prefs-save");
        Fx.waitUntil(() -> saved.size() == 1);
        assertThat(saved.get(0).startMinimisedToTray()).isTrue();
        assertThat(new PreferencesStore(data).load().preferences().startMinimisedToTray()).isTrue();

        robot.interact(menu::showLogs);
        Fx.waitUntil(() -> robot.lookup("#log-lines").tryQuery().isPresent());
    }

    /** A damaged file found at start is moved aside, so the window says so itself; the dialog no longer could. */
    @Test
    void aPreferencesFileDamagedAtStartIsExplainedInAWarning(FxRobot robot) throws Exception {
        Files.writeString(data.resolve("preferences.json"), "{\"logLevel\": \"LOUD\"}");
        PreferencesLoad load = new PreferencesStore(data).load();
        assertThat(load.problem()).isPresent();

        robot.interact(() -> menu.showPreferencesProblem(load.problem().orElseThrow()));

        Fx.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getContentText()).contains("is damaged at $.logLevel", "uses the defaults",
                "preferences.json.bad");
        assertThat(((Stage) pane.getScene().getWindow()).getTitle()).isEqualTo("Corridor: preferences reset to the defaults");
    }
}

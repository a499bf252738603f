package dev.corridor.ui.manage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.profile.DirectiveCatalogue;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.StoredProfile;
import dev.corridor.ui.Texts;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Manage profiles pane, driven like a user would: add valid and invalid files, drop, rename, delete, show. */
@ExtendWith(ApplicationExtension.class)
class ProfilesPaneTest {
    /** The fixtures' certificates are valid from 2026 for a century. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path data;
    private ProfileStore store;
    private ProfilesPane pane;
    private final AtomicInteger changes = new AtomicInteger();

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createTempDirectory(data, "store");
        store = ProfileStore.open(folder,
                new ProfileParser(DirectiveCatalogue.forPlatform(DirectiveCatalogue.PlatformKind.LINUX), CLOCK), CLOCK);
        pane = new ProfilesPane(store, Texts.forLocale(Locale.ENGLISH), BackgroundWork.singleThread());
        pane.setOnChange(changes::incrementAndGet);
        Scene scene = new Scene(pane, 800, 600);
        ProfileDropTarget.install(scene, file -> pane.importFile(file, ""));
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null).forEach(Window::hide));
    }

    private void add(FxRobot robot, Path file, String name) {
        robot.clickOn("#profile-name").write(name);
        robot.interact(() -> robot.lookup("#profile-file").queryAs(TextField.class).setText(file.toString()));
        robot.clickOn("#profile-import");
    }

    @Test
    void aValidProfileIsAddedUnderItsDisplayName(FxRobot robot) throws Exception {
        add(robot, Fx.fixture("valid", "aws-mutual.ovpn"), "Office");

        Fx.waitUntil(() -> pane.profiles().size() == 1);
        assertThat(store.list()).extracting(StoredProfile::name).containsExactly("Office");
        assertThat(Fx.on(pane::status)).isEqualTo("Imported “Office”.");
        assertThat(Fx.on(pane::diagnostics)).isEmpty();
        assertThat(changes.get()).isEqualTo(1);
        ListView<?> list = robot.lookup("#profile-list").queryAs(ListView.class);
        assertThat(Fx.on(() -> list.getSelectionModel().getSelectedIndex())).isZero();
        assertThat(robot.lookup("#profile-file").queryAs(TextField.class).getText()).isEmpty();
    }

    @Test
    void anInvalidProfileShowsItsDiagnosticsByLineAndStoresNothing(FxRobot robot) throws Exception {
        Path bad = Fx.fixture("invalid", "unknown-directive.ovpn");
        add(robot, bad, "Broken");

        Fx.waitUntil(() -> !pane.diagnostics().isEmpty());
        assertThat(Fx.on(pane::diagnostics)).anySatisfy(line ->
                assertThat(line).startsWith(bad + ":6: error: ").contains("remote-magic"));
        assertThat(Fx.on(pane::status)).startsWith("Nothing was imported: unknown-directive.ovpn has one error");
        assertThat(store.list()).isEmpty();
        assertThat(Files.list(store.folder()).filter(p -> p.toString().endsWith(".ovpn")).count()).isZero();
        assertThat(changes.get()).isZero();
    }

    @Test
    void aDroppedProfileFileIsImportedUnderItsFileName(FxRobot robot) throws Exception {
        Path file = Fx.fixture("valid", "aws-federated.ovpn");
        // A drag gesture cannot be synthesised headless; the drop handler's two steps are run as it runs them.
        assertThat(ProfileDropTarget.profileFile(List.of(file.toFile()))).contains(file);
        assertThat(ProfileDropTarget.profileFile(List.of(file.toFile(), file.toFile()))).isEmpty();
        assertThat(ProfileDropTarget.profileFile(List.of(new File("notes.txt")))).isEmpty();
        assertThat(ProfileDropTarget.profileFile(List.of(data.toFile()))).isEmpty();
        assertThat(ProfileDropTarget.profileFile(List.of(new File("WORK.OVPN")))).isPresent();
        robot.interact(() -> pane.importFile(ProfileDropTarget.profileFile(List.of(file.toFile())).orElseThrow(), ""));

        Fx.waitUntil(() -> pane.profiles().size() == 1);
        assertThat(store.list()).extracting(StoredProfile::name).containsExactly("aws-federated");
    }

    @Test
    void aDroppedNameThatIsNoFileIsReportedInOneSentence(FxRobot robot) throws Exception {
        Path missing = data.resolve("gone.ovpn");
        robot.interact(() -> pane.importFile(ProfileDropTarget.profileFile(List.of(missing.toFile())).orElseThrow(), ""));

        Fx.waitUntil(() -> pane.status().startsWith("The file cannot be imported."));
        assertThat(Fx.on(pane::status)).contains("gone.ovpn is not a file").doesNotContain("Exception", "\tat ");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aProfileIsRenamed(FxRobot robot) throws Exception {
        add(robot, Fx.fixture("valid", "aws-mutual.ovpn"), "Office");
        Fx.waitUntil(() -> pane.profiles().size() == 1);

        robot.clickOn("#profile-rename");
        TextField field = robot.lookup("#rename-field").queryAs(TextField.class);
        robot.interact(() -> field.setText("Head office"));
        robot.clickOn(field).type(KeyCode.ENTER);

        Fx.waitUntil(() -> pane.profiles().stream().anyMatch(p -> p.name().equals("Head office")));
        assertThat(store.list()).extracting(StoredProfile::name).containsExactly("Head office");
        assertThat(Fx.on(pane::status)).isEqualTo("Renamed “Office” to “Head office”.");
    }

    @Test
    void deleteAsksFirstAndCancelKeepsTheProfile(FxRobot robot) throws Exception {
        add(robot, Fx.fixture("valid", "aws-mutual.ovpn"), "Office");
        Fx.waitUntil(() -> pane.profiles().size() == 1);

        robot.clickOn("#profile-delete");
        assertThat(robot.lookup("Delete “Office”?").tryQuery()).isPresent();
        robot.clickOn("Cancel");
        Fx.waitUntil(() -> pane.status().equals("“Office” was not deleted."));
        assertThat(store.list()).hasSize(1);

        robot.clickOn("#profile-delete");
        robot.clickOn(robot.lookup((Button b) -> "Delete".equals(b.getText())).queryButton());
        Fx.waitUntil(() -> pane.profiles().isEmpty());
        assertThat(store.list()).isEmpty();
        assertThat(Fx.on(pane::status)).isEqualTo("Deleted “Office”.");
    }

    @Test
    void theStoredFileIsShownWithItsKeysHidden(FxRobot robot) throws Exception {
        add(robot, Fx.fixture("valid", "aws-mutual.ovpn"), "Office");
        Fx.waitUntil(() -> pane.profiles().size() == 1);
        String stored = store.text("Office");
        assertThat(stored).contains("PRIVATE KEY");

        robot.clickOn("#profile-show");
        Fx.waitUntil(() -> robot.lookup("#stored-file-text").tryQuery().isPresent());
        String shown = robot.lookup("#stored-file-text").queryAs(TextArea.class).getText();
        assertThat(shown).contains("<key>", "[hidden: private key material]", "remote ", "BEGIN CERTIFICATE");
        String keyBody = stored.substring(stored.indexOf("PRIVATE KEY-----") + 17, stored.indexOf("PRIVATE KEY-----") + 60);
        assertThat(shown).doesNotContain(keyBody);
        assertThat(robot.lookup((Labeled l) -> l.getText() != null && l.getText().startsWith("Stored in "))
                .tryQuery()).isPresent();
    }

    @Test
    void everyControlHasAnAccessibleName(FxRobot robot) {
        for (String id : List.of("#profile-name", "#profile-file", "#profile-import", "#profile-list",
                "#profile-rename", "#profile-delete", "#profile-show", "#profile-diagnostics")) {
            assertThat(robot.lookup(id).query().getAccessibleText()).as(id).isNotBlank();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}

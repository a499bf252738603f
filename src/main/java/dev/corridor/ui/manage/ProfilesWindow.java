package dev.corridor.ui.manage;

import dev.corridor.profile.ProfileStore;
import dev.corridor.ui.Texts;
import java.nio.file.Path;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Manage profiles" window around a {@link ProfilesPane}; the main window opens it from its
 * menu, and hands it files dropped onto the main window (see {@link ProfileDropTarget}).
 */
public final class ProfilesWindow {
    private final Stage stage;
    private final ProfilesPane pane;

    private ProfilesWindow(Stage stage, ProfilesPane pane) {
        this.stage = stage;
        this.pane = pane;
    }

    /**
     * Opens the window (not modal) over {@code owner}. {@code onChange} runs on the JavaFX thread
     * after every import, rename or delete, so the main window can refresh its profile selector.
     */
    public static ProfilesWindow show(Window owner, ProfileStore store, Texts texts, BackgroundWork background,
            Runnable onChange) {
        ProfilesPane pane = new ProfilesPane(store, texts, background);
        pane.setOnChange(Objects.requireNonNull(onChange, "onChange"));
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(texts.get("manage.profiles.title"));
        Scene scene = new Scene(pane, 720, 560);
        ProfileDropTarget.install(scene, file -> pane.importFile(file, ""));
        stage.setScene(scene);
        stage.show();
        return new ProfilesWindow(stage, pane);
    }

    /** Imports {@code file} under its file name and brings the window to the front. */
    public void importFile(Path file) {
        stage.show();
        stage.toFront();
        pane.importFile(file, "");
    }

    public Stage stage() {
        return stage;
    }

    public ProfilesPane pane() {
        return pane;
    }
}

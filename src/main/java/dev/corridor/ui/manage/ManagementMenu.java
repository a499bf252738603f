package dev.corridor.ui.manage;

import dev.corridor.settings.PreferencesProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The main window's entry points to the management windows: menu items for Manage profiles,
 * Preferences, Logs and Export diagnostics, and the drop target for {@code .ovpn} files.
 *
 * <pre>
 *   ManagementMenu menu = new ManagementMenu(context);
 *   toolsMenu.getItems().addAll(menu.items());
 *   menu.installDropTarget(mainScene);
 * </pre>
 */
public final class ManagementMenu {
    private final ManageContext context;
    private ProfilesWindow profilesWindow;

    public ManagementMenu(ManageContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The four items (with a separator before Export diagnostics), with mnemonics and shortcuts. */
    public List<MenuItem> items() {
        MenuItem profiles = item("manage.menu.profiles", this::showProfiles);
        profiles.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        MenuItem preferences = item("manage.menu.preferences", this::showPreferences);
        preferences.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        MenuItem logs = item("manage.menu.logs", this::showLogs);
        logs.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        MenuItem export = item("manage.menu.export", this::exportDiagnostics);
        return List.of(profiles, preferences, logs, new SeparatorMenuItem(), export);
    }

    /** Lets the user drop a profile file onto {@code scene}; it is imported in the Manage profiles window. */
    public void installDropTarget(Scene scene) {
        ProfileDropTarget.install(scene, this::importFile);
    }

    /** Opens (or brings to the front) the Manage profiles window. */
    public ProfilesWindow showProfiles() {
        if (profilesWindow == null || !profilesWindow.stage().isShowing()) {
            profilesWindow = ProfilesWindow.show(context.owner().get(), context.profiles(), context.texts(),
                    context.background(), context.onProfilesChanged());
        } else {
            profilesWindow.stage().toFront();
        }
        return profilesWindow;
    }

    /** Imports {@code file} in the Manage profiles window, opening it when needed. */
    public void importFile(Path file) {
        showProfiles().importFile(file);
    }

    /** Opens the Preferences dialog. */
    public void showPreferences() {
        PreferencesDialog.show(context.owner().get(), context.preferences(), context.texts(), context.background(),
                context.onPreferencesSaved());
    }

    /**
     * Tells the user that the preferences file found at start was damaged and the defaults are in
     * use (the file itself was moved aside then, so the Preferences dialog no longer sees it).
     */
    public void showPreferencesProblem(PreferencesProblem problem) {
        Notices.warning(context.owner().get(), context.texts(), context.texts().get("manage.prefs.damagedTitle"),
                PreferencesDialog.problemText(problem, context.texts()));
    }

    /** Opens the log window. */
    public void showLogs() {
        LogWindow.show(context.owner().get(), context.logs(), context.texts(), this::exportDiagnostics);
    }

    /** Asks where to save, then writes the diagnostics archive. */
    public void exportDiagnostics() {
        DiagnosticsExport.start(context.owner().get(), context.dataFolder(), context.texts(), context.background(),
                context.clock());
    }

    /** A menu item is not a node: screen readers read its text, so the text names the action fully. */
    private MenuItem item(String key, Runnable action) {
        MenuItem item = new MenuItem(context.texts().get(key));
        item.setMnemonicParsing(true);
        item.setOnAction(e -> action.run());
        return item;
    }
}

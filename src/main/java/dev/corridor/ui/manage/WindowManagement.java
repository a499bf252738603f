package dev.corridor.ui.manage;

import dev.corridor.logging.RecentLogAppender;
import dev.corridor.profile.ProfileStore;
import dev.corridor.settings.Preferences;
import dev.corridor.settings.PreferencesStore;
import dev.corridor.ui.MainWindow;
import dev.corridor.ui.MenuPlace;
import dev.corridor.ui.Texts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * Puts the management windows and the tray icon into the main window: the four menu items, the
 * {@code .ovpn} drop target, the preferences applied when saved, and the tray kept in step.
 *
 * <pre>
 *   Connection ▸ Manage profiles…  (PROFILES)      View ▸ Logs…  (LOGS)
 *   Tools ▸ Preferences…  (PREFERENCES) ─ Export diagnostics…  (DIAGNOSTICS)
 *   profiles changed ─► window.refreshProfiles() ─► profile names ─┐
 *   connection state changed ──────────────────────────────────────┴─► tray.update(status)
 *   language switched ─────────────────────────────────────────────────► tray.useTexts(texts, status)
 *   preferences saved ─► window.useLanguage, window.useReconnect, window.useIpv6LeakGuard
 *                        (log level: done by the dialog)
 * </pre>
 *
 * The management windows open in the window's current language: the {@link ManagementMenu} is made
 * again after each language switch. Everything here runs on the JavaFX thread.
 */
public final class WindowManagement {
    private final MainWindow window;
    private final ManageContext context;
    private ManagementMenu menu;
    private volatile Optional<SystemTrayIcon> tray = Optional.empty();

    private WindowManagement(MainWindow window, ManageContext context) {
        this.window = window;
        this.context = context;
    }

    /**
     * Adds the management items to {@code window}'s menus and the drop target to {@code stage}'s
     * scene (which must be set). Call on the JavaFX thread before the stage is shown.
     */
    public static WindowManagement install(MainWindow window, Stage stage, Path dataFolder, ProfileStore profiles,
            PreferencesStore preferences, RecentLogAppender logs) {
        Objects.requireNonNull(stage.getScene(), "the stage needs its scene");
        ManageContext context = new ManageContext(() -> stage, dataFolder, profiles, preferences, logs,
                window.labels().texts(), BackgroundWork.singleThread(), Clock.systemDefaultZone(),
                window::refreshProfiles, saved -> apply(window, saved));
        WindowManagement management = new WindowManagement(window, context);
        management.addItems();
        management.menu.installDropTarget(stage.getScene());
        return management;
    }

    /** Applies the preferences the window itself follows: language, reconnecting and the IPv6 leak guard. */
    public static void apply(MainWindow window, Preferences preferences) {
        window.useLanguage(preferences.language().locale(Locale.getDefault()));
        window.useReconnect(preferences.reconnectAutomatically(), preferences.maxReconnectAttempts());
        window.useIpv6LeakGuard(preferences.ipv6LeakGuard());
    }

    /** The menu behind the items, in the window's current language. */
    public ManagementMenu menu() {
        return menu;
    }

    /**
     * Adds the tray icon where the desktop has a tray, kept in step with the window's state and
     * profiles; false (and nothing changes) where there is none.
     */
    public boolean installTray(Runnable showWindow, Runnable quit) {
        WindowTrayActions actions = new WindowTrayActions(window, showWindow, quit);
        tray = SystemTrayIcon.install(actions, window.labels().texts(), WindowTrayActions.status(window));
        tray.ifPresent(icon -> {
            window.labels().add(t -> icon.useTexts(t, WindowTrayActions.status(window)));
            window.addStateListener(state -> icon.update(WindowTrayActions.status(window)));
            window.addProfilesListener(names -> icon.update(WindowTrayActions.status(window)));
        });
        return tray.isPresent();
    }

    /** Takes the tray icon away, if there is one. */
    public void removeTray() {
        tray.ifPresent(SystemTrayIcon::remove);
        tray = Optional.empty();
    }

    private void addItems() {
        window.labels().add(t -> menu = new ManagementMenu(withTexts(t)));
        List<MenuItem> originals = menu.items();
        add(originals, MenuPlace.PROFILES, "manage.menu.profiles", () -> menu.showProfiles());
        add(originals, MenuPlace.LOGS, "manage.menu.logs", () -> menu.showLogs());
        add(originals, MenuPlace.PREFERENCES, "manage.menu.preferences", () -> menu.showPreferences());
        add(originals, MenuPlace.DIAGNOSTICS, "manage.menu.export", () -> menu.exportDiagnostics());
    }

    /** Adds the item labelled {@code key} at {@code place}, with the shortcut {@link ManagementMenu} gives it. */
    private void add(List<MenuItem> originals, MenuPlace place, String key, Runnable action) {
        String text = context.texts().get(key);
        KeyCombination shortcut = originals.stream().filter(item -> text.equals(item.getText())).findFirst()
                .map(MenuItem::getAccelerator).orElse(null);
        MenuItem item = window.addMenuItem(place, t -> t.get(key), action);
        item.setId("menu-" + key.substring("manage.menu.".length()));
        item.setAccelerator(shortcut);
    }

    private ManageContext withTexts(Texts texts) {
        return new ManageContext(context.owner(), context.dataFolder(), context.profiles(), context.preferences(),
                context.logs(), texts, context.background(), context.clock(), context.onProfilesChanged(),
                context.onPreferencesSaved());
    }
}

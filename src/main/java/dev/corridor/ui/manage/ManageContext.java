package dev.corridor.ui.manage;

import dev.corridor.logging.RecentLogAppender;
import dev.corridor.profile.ProfileStore;
import dev.corridor.settings.Preferences;
import dev.corridor.settings.PreferencesStore;
import dev.corridor.ui.Texts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Everything the management windows need from the main window, in one value.
 *
 * @param owner              the window to open dialogs over (usually the main window); may supply null
 * @param dataFolder         Corridor's data folder (profiles, logs, preferences)
 * @param profiles           the profile store
 * @param preferences        the preferences store
 * @param logs               the in-memory log lines ({@link RecentLogAppender#install(int)})
 * @param texts              the window's language
 * @param background         where disk work runs
 * @param clock              for the diagnostics archive's default name
 * @param onProfilesChanged  runs on the JavaFX thread after an import, rename or delete
 * @param onPreferencesSaved runs on the JavaFX thread with the saved preferences (log level already applied)
 */
public record ManageContext(Supplier<Window> owner, Path dataFolder, ProfileStore profiles,
        PreferencesStore preferences, RecentLogAppender logs, Texts texts, BackgroundWork background, Clock clock,
        Runnable onProfilesChanged, Consumer<Preferences> onPreferencesSaved) {
    public ManageContext {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(dataFolder, "dataFolder");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(onProfilesChanged, "onProfilesChanged");
        Objects.requireNonNull(onPreferencesSaved, "onPreferencesSaved");
    }
}

package dev.corridor.ui.manage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.logging.LogLevel;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.settings.Language;
import dev.corridor.settings.Preferences;
import dev.corridor.settings.PreferencesLoad;
import dev.corridor.settings.PreferencesStore;
import dev.corridor.ui.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
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

/** The Preferences dialog edits, saves and reloads the preferences, and explains a damaged file. */
@ExtendWith(ApplicationExtension.class)
class PreferencesDialogTest {
    @TempDir
    Path data;
    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new javafx.scene.Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != owner).forEach(Window::hide));
    }

    @Test
    @SuppressWarnings("unchecked")
    void editedPreferencesSurviveSaveAndLoad(FxRobot robot) {
        PreferencesStore store = new PreferencesStore(data);
        PreferencesLoad load = store.load();
        Dialog<Preferences>[] dialog = new Dialog[1];
        robot.interact(() -> {
            dialog[0] = PreferencesDialog.dialog(owner, Texts.forLocale(Locale.ENGLISH), load);
            dialog[0].show();
        });

        robot.clickOn("#prefs-reconnect");
        assertThat(robot.lookup("#prefs-attempts").query().isDisabled()).as("attempts follow the checkbox").isTrue();
        robot.clickOn("#prefs-reconnect");
        Spinner<Integer> attempts = robot.lookup("#prefs-attempts").queryAs(Spinner.class);
        robot.interact(() -> attempts.getEditor().setText("25"));
        robot.clickOn("#prefs-minimised");
        ComboBox<Language> language = robot.lookup("#prefs-language").queryAs(ComboBox.class);
        ComboBox<LogLevel> level = robot.lookup("#prefs-loglevel").queryAs(ComboBox.class);
        ComboBox<Ipv6LeakGuard> guard = robot.lookup("#prefs-ipv6guard").queryAs(ComboBox.class);
        Label guardHint = robot.lookup("#prefs-ipv6guard-hint").queryAs(Label.class);
        assertThat(guard.getValue()).as("the default").isEqualTo(Ipv6LeakGuard.AUTO);
        assertThat(guardHint.getText()).contains("full tunnel", "split tunnel", "block-ipv6");
        robot.interact(() -> {
            language.setValue(Language.JAPANESE);
            level.setValue(LogLevel.DEBUG);
            guard.setValue(Ipv6LeakGuard.NEVER);
        });
        assertThat(guardHint.getText()).startsWith("Warning:").contains("bypasses the VPN");
        assertThat(guardHint.getStyle()).contains("-fx-text-fill");
        assertThat(guardHint.getAccessibleText()).isEqualTo(guardHint.getText());
        robot.interact(() -> guard.setValue(Ipv6LeakGuard.ALWAYS));
        assertThat(guardHint.getText()).contains("split tunnel").doesNotContain("Warning");
        assertThat(guardHint.getStyle()).doesNotContain("-fx-text-fill");
        assertThat(robot.lookup("#prefs-ipv6guard").queryAs(ComboBox.class).getButtonCell().getText())
                .isEqualTo("Always");
        Preferences[] result = new Preferences[1];
        dialog[0].setOnHidden(e -> result[0] = dialog[0].getResult());
        robot.clickOn("#prefs-save");

        Preferences expected = new Preferences(true, 25, true, Language.JAPANESE, LogLevel.DEBUG,
                Ipv6LeakGuard.ALWAYS);
        assertThat(result[0]).isEqualTo(expected);
        Fx.on(() -> {
            store.save(result[0]);
            return null;
        });
        assertThat(new PreferencesStore(data).load().preferences()).isEqualTo(expected);
        assertThat(robot.lookup("#prefs-problem").tryQuery()).isEmpty();
    }

    @Test
    void aDamagedFileIsExplainedAndTheDefaultsAreShown(FxRobot robot) throws Exception {
        Files.writeString(data.resolve("preferences.json"), "{\"logLevel\":\"LOUD\"}");
        PreferencesLoad load = new PreferencesStore(data).load();
        robot.interact(() -> PreferencesDialog.dialog(owner, Texts.forLocale(Locale.ENGLISH), load).show());

        Label notice = robot.lookup("#prefs-problem").queryAs(Label.class);
        assertThat(notice.getText()).contains("is damaged at $.logLevel", "LOUD", "uses the defaults",
                data.resolve("preferences.json.bad").toString());
        assertThat(notice.getText()).doesNotContain("Exception", "\tat ");
        assertThat(notice.getAccessibleText()).isEqualTo(notice.getText());
        assertThat(robot.lookup("#prefs-loglevel").queryComboBox().getValue()).isEqualTo(LogLevel.INFO);
        assertThat(Files.readString(data.resolve("preferences.json.bad"))).isEqualTo("{\"logLevel\":\"LOUD\"}");
    }

    @Test
    void theJapaneseDialogSpeaksJapanese(FxRobot robot) {
        robot.interact(() -> PreferencesDialog.dialog(owner, Texts.forLocale(Locale.JAPANESE),
                new PreferencesLoad(Preferences.DEFAULTS, java.util.Optional.empty())).show());
        assertThat(robot.lookup("#prefs-reconnect").queryAs(CheckBox.class).getText())
                .isEqualTo("接続が切れたら自動的に再接続する(_R)");
        assertThat(robot.lookup("#prefs-save").queryButton().getText()).isEqualTo("保存");
        assertThat(robot.lookup("#prefs-ipv6guard-hint").queryAs(Label.class).getText())
                .contains("フルトンネル", "スプリットトンネル", "block-ipv6");
    }

    @Test
    void aSavedGuardIsShownWhenTheDialogOpensAgain(FxRobot robot) {
        robot.interact(() -> PreferencesDialog.dialog(owner, Texts.forLocale(Locale.ENGLISH), new PreferencesLoad(
                Preferences.DEFAULTS.withIpv6LeakGuard(Ipv6LeakGuard.NEVER), java.util.Optional.empty())).show());
        assertThat(robot.lookup("#prefs-ipv6guard").queryComboBox().getValue()).isEqualTo(Ipv6LeakGuard.NEVER);
        assertThat(robot.lookup("#prefs-ipv6guard-hint").queryAs(Label.class).getText()).startsWith("Warning:");
    }
}

package dev.corridor.ui.manage;

import dev.corridor.logging.LogLevel;
import dev.corridor.settings.Language;
import dev.corridor.settings.Preferences;
import dev.corridor.ui.Texts;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.util.Callback;
import javafx.scene.control.ListView;

/**
 * The controls of the Preferences dialog: reconnect automatically and how often, start minimised
 * to the tray, language and log level. It shows a {@link Preferences} value and reads one back;
 * loading and saving are the dialog's business.
 *
 * <pre>
 *   [x] Reconnect automatically when the connection is lost
 *       Give up after [ 10 ] attempts (0: never give up)
 *   [ ] Start minimised to the tray
 *   Language   [Follow the system ▾]
 *   Log level  [INFO ▾]
 * </pre>
 */
public final class PreferencesPane extends GridPane {
    private final Texts texts;
    private final CheckBox reconnect = new CheckBox();
    private final Spinner<Integer> attempts = new Spinner<>();
    private final CheckBox minimised = new CheckBox();
    private final ComboBox<Language> language = new ComboBox<>();
    private final ComboBox<LogLevel> logLevel = new ComboBox<>();

    public PreferencesPane(Texts texts, Preferences initial) {
        this.texts = Objects.requireNonNull(texts, "texts");
        setHgap(10);
        setVgap(10);
        setPadding(new Insets(12));

        reconnect.setText(texts.get("manage.prefs.reconnect"));
        reconnect.setMnemonicParsing(true);
        reconnect.setAccessibleText(texts.get("manage.prefs.reconnectAccessible"));
        reconnect.setId("prefs-reconnect");

        attempts.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Preferences.MAX_ATTEMPTS_LIMIT,
                Preferences.DEFAULTS.maxReconnectAttempts()));
        attempts.setEditable(true);
        attempts.setId("prefs-attempts");
        attempts.setAccessibleText(texts.get("manage.prefs.attemptsAccessible"));
        attempts.disableProperty().bind(reconnect.selectedProperty().not());
        Label attemptsLabel = new Label(texts.get("manage.prefs.attempts"));
        attemptsLabel.setLabelFor(attempts);
        attemptsLabel.setMnemonicParsing(true);
        Label attemptsHint = new Label(texts.get("manage.prefs.attemptsHint"));

        minimised.setText(texts.get("manage.prefs.minimised"));
        minimised.setMnemonicParsing(true);
        minimised.setAccessibleText(texts.get("manage.prefs.minimisedAccessible"));
        minimised.setId("prefs-minimised");

        language.getItems().setAll(Language.values());
        language.setId("prefs-language");
        language.setAccessibleText(texts.get("manage.prefs.languageAccessible"));
        Callback<ListView<Language>, ListCell<Language>> languageCells = view -> new ListCell<>() {
            @Override
            protected void updateItem(Language item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : languageName(item));
            }
        };
        language.setCellFactory(languageCells);
        language.setButtonCell(languageCells.call(null));
        Label languageLabel = new Label(texts.get("manage.prefs.language"));
        languageLabel.setLabelFor(language);
        languageLabel.setMnemonicParsing(true);
        Label languageHint = new Label(texts.get("manage.prefs.languageHint"));

        logLevel.getItems().setAll(LogLevel.values());
        logLevel.setId("prefs-loglevel");
        logLevel.setAccessibleText(texts.get("manage.prefs.logLevelAccessible"));
        Label levelLabel = new Label(texts.get("manage.prefs.logLevel"));
        levelLabel.setLabelFor(logLevel);
        levelLabel.setMnemonicParsing(true);
        Label levelHint = new Label(texts.get("manage.prefs.logLevelHint"));

        add(reconnect, 0, 0, 3, 1);
        add(attemptsLabel, 0, 1);
        add(attempts, 1, 1);
        add(attemptsHint, 2, 1);
        add(minimised, 0, 2, 3, 1);
        add(languageLabel, 0, 3);
        add(language, 1, 3);
        add(languageHint, 2, 3);
        add(levelLabel, 0, 4);
        add(logLevel, 1, 4);
        add(levelHint, 2, 4);
        show(initial);
    }

    /** Shows {@code preferences} in the controls. */
    public void show(Preferences preferences) {
        reconnect.setSelected(preferences.reconnectAutomatically());
        attempts.getValueFactory().setValue(preferences.maxReconnectAttempts());
        minimised.setSelected(preferences.startMinimisedToTray());
        language.setValue(preferences.language());
        logLevel.setValue(preferences.logLevel());
    }

    /** The preferences as the controls show them now. */
    public Preferences value() {
        commitAttempts();
        Integer count = attempts.getValue();
        return new Preferences(reconnect.isSelected(), count == null ? 0 : count, minimised.isSelected(),
                language.getValue() == null ? Language.SYSTEM : language.getValue(),
                logLevel.getValue() == null ? LogLevel.INFO : logLevel.getValue());
    }

    /** Takes over what was typed into the spinner's field; text that is not a number in range is put back. */
    private void commitAttempts() {
        String typed = attempts.getEditor().getText();
        try {
            int value = Integer.parseInt(typed.strip());
            if (value >= 0 && value <= Preferences.MAX_ATTEMPTS_LIMIT) {
                attempts.getValueFactory().setValue(value);
                return;
            }
        } catch (NumberFormatException e) {
            // fall through: show the last valid value again
        }
        attempts.getEditor().setText(String.valueOf(attempts.getValue()));
    }

    private String languageName(Language item) {
        if (item == Language.ENGLISH) {
            return texts.get("manage.prefs.language.english");
        }
        if (item == Language.JAPANESE) {
            return texts.get("manage.prefs.language.japanese");
        }
        return texts.get("manage.prefs.language.system");
    }
}

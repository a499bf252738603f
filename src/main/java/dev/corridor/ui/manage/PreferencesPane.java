package dev.corridor.ui.manage;

import dev.corridor.logging.LogLevel;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.settings.Language;
import dev.corridor.settings.Preferences;
import dev.corridor.ui.Texts;
import java.util.Objects;
import java.util.function.Function;
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
 * to the tray, language, log level and the IPv6 leak guard. It shows a {@link Preferences} value
 * and reads one back; loading and saving are the dialog's business.
 *
 * <pre>
 *   [x] Reconnect automatically when the connection is lost
 *       Give up after [ 10 ] attempts (0: never give up)
 *   [ ] Start minimised to the tray
 *   Language         [Follow the system ▾]
 *   Log level        [INFO ▾]
 *   IPv6 leak guard  [Automatic ▾]
 *       one line saying what the chosen setting does (a red warning for "Never")
 * </pre>
 */
public final class PreferencesPane extends GridPane {
    private final Texts texts;
    private final CheckBox reconnect = new CheckBox();
    private final Spinner<Integer> attempts = new Spinner<>();
    private final CheckBox minimised = new CheckBox();
    private final ComboBox<Language> language = new ComboBox<>();
    private final ComboBox<LogLevel> logLevel = new ComboBox<>();
    private final ComboBox<Ipv6LeakGuard> leakGuard = new ComboBox<>();
    private final Label leakGuardHint = new Label();

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
        showNames(language, this::languageName);
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

        leakGuard.getItems().setAll(Ipv6LeakGuard.values());
        leakGuard.setId("prefs-ipv6guard");
        leakGuard.setAccessibleText(texts.get("manage.prefs.ipv6GuardAccessible"));
        showNames(leakGuard, this::guardName);
        Label guardLabel = new Label(texts.get("manage.prefs.ipv6Guard"));
        guardLabel.setLabelFor(leakGuard);
        guardLabel.setMnemonicParsing(true);
        leakGuardHint.setId("prefs-ipv6guard-hint");
        leakGuardHint.setWrapText(true);
        leakGuardHint.setMaxWidth(520);
        leakGuard.valueProperty().addListener((property, before, now) -> explainGuard(now));

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
        add(guardLabel, 0, 5);
        add(leakGuard, 1, 5);
        add(leakGuardHint, 0, 6, 3, 1);
        show(initial);
    }

    /** Shows {@code preferences} in the controls. */
    public void show(Preferences preferences) {
        reconnect.setSelected(preferences.reconnectAutomatically());
        attempts.getValueFactory().setValue(preferences.maxReconnectAttempts());
        minimised.setSelected(preferences.startMinimisedToTray());
        language.setValue(preferences.language());
        logLevel.setValue(preferences.logLevel());
        leakGuard.setValue(preferences.ipv6LeakGuard());
        explainGuard(preferences.ipv6LeakGuard());
    }

    /** The preferences as the controls show them now. */
    public Preferences value() {
        commitAttempts();
        Integer count = attempts.getValue();
        return new Preferences(reconnect.isSelected(), count == null ? 0 : count, minimised.isSelected(),
                language.getValue() == null ? Language.SYSTEM : language.getValue(),
                logLevel.getValue() == null ? LogLevel.INFO : logLevel.getValue(),
                leakGuard.getValue() == null ? Ipv6LeakGuard.AUTO : leakGuard.getValue());
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

    /** Shows each item of {@code box}, and the chosen one, by its {@code name}. */
    private static <T> void showNames(ComboBox<T> box, Function<T, String> name) {
        Callback<ListView<T>, ListCell<T>> cells = view -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : name.apply(item));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
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

    private String guardName(Ipv6LeakGuard item) {
        if (item == Ipv6LeakGuard.ALWAYS) {
            return texts.get("manage.prefs.ipv6Guard.always");
        }
        if (item == Ipv6LeakGuard.NEVER) {
            return texts.get("manage.prefs.ipv6Guard.never");
        }
        return texts.get("manage.prefs.ipv6Guard.auto");
    }

    /** Says in one line what {@code guard} does; "never" is shown as a warning. */
    private void explainGuard(Ipv6LeakGuard guard) {
        String line;
        if (guard == Ipv6LeakGuard.ALWAYS) {
            line = texts.get("manage.prefs.ipv6Guard.alwaysHint");
        } else if (guard == Ipv6LeakGuard.NEVER) {
            line = texts.get("manage.prefs.ipv6Guard.neverHint");
        } else {
            line = texts.get("manage.prefs.ipv6Guard.autoHint");
        }
        leakGuardHint.setText(line);
        leakGuardHint.setAccessibleText(line);
        leakGuardHint.setStyle(guard == Ipv6LeakGuard.NEVER ? "-fx-text-fill: #b00020; -fx-font-weight: bold;" : "");
    }
}

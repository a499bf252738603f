package dev.corridor.ui.manage;

import dev.corridor.logging.LogLevel;
import dev.corridor.logging.LogLine;
import dev.corridor.logging.RecentLogAppender;
import dev.corridor.ui.Texts;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The live log view: the last lines from {@link RecentLogAppender} (already redacted), filtered by
 * text and minimum level, with Copy (the selected lines, or all shown when none is selected).
 *
 * <pre>
 *   Filter [________]  Level [INFO ▾]   [Copy] [Export diagnostics…]
 *   ─────────────────────────────────────────────────────────────────
 *   2026-11-28 23:59:01.123 INFO  ProfileStore - imported ...
 * </pre>
 *
 * New lines arrive on the logging threads; they are queued and moved to the list in one batch per
 * JavaFX pulse, and the list never holds more than the appender's capacity. The view follows the
 * newest line unless the user has selected lines.
 */
public final class LogPane extends BorderPane {
    private final Texts texts;
    private final int capacity;
    private final ZoneId zone;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shown = new FilteredList<>(lines);
    private final ListView<LogLine> list = new ListView<>(shown);
    private final TextField filter = new TextField();
    private final ComboBox<LogLevel> level = new ComboBox<>();
    private final Button copy = new Button();
    private final Button export = new Button();
    private final Queue<LogLine> arriving = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AutoCloseable subscription;
    private final Set<LogLine> alreadyShown = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * A view of {@code source}'s lines; {@code onExport} runs when the user asks to export
     * diagnostics (the caller usually calls {@link DiagnosticsExport#start}).
     */
    public LogPane(RecentLogAppender source, Texts texts, Runnable onExport) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.capacity = source.capacity();
        this.zone = ZoneId.systemDefault();
        // Listen first, then copy what is kept: a line logged in between is in both, and the first
        // drain drops it again (the appender hands the same LogLine instance to both).
        this.subscription = source.addListener(this::arrive);
        List<LogLine> kept = source.snapshot();
        alreadyShown.addAll(kept);
        lines.setAll(kept);

        filter.setPromptText(texts.get("manage.logs.filterPrompt"));
        filter.setAccessibleText(texts.get("manage.logs.filterAccessible"));
        filter.setId("log-filter");
        Label filterLabel = new Label(texts.get("manage.logs.filter"));
        filterLabel.setLabelFor(filter);
        filterLabel.setMnemonicParsing(true);
        level.getItems().setAll(LogLevel.values());
        level.setValue(LogLevel.TRACE);
        level.setId("log-level");
        level.setAccessibleText(texts.get("manage.logs.levelAccessible"));
        Label levelLabel = new Label(texts.get("manage.logs.level"));
        levelLabel.setLabelFor(level);
        levelLabel.setMnemonicParsing(true);
        copy.setText(texts.get("manage.logs.copy"));
        copy.setMnemonicParsing(true);
        copy.setAccessibleText(texts.get("manage.logs.copyAccessible"));
        copy.setId("log-copy");
        copy.setOnAction(e -> copyToClipboard());
        export.setText(texts.get("manage.logs.export"));
        export.setMnemonicParsing(true);
        export.setAccessibleText(texts.get("manage.logs.exportAccessible"));
        export.setId("log-export");
        export.setOnAction(e -> onExport.run());

        HBox bar = new HBox(8, filterLabel, filter, levelLabel, level, copy, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 8, 0));
        HBox.setHgrow(filter, Priority.ALWAYS);

        list.setId("log-lines");
        list.setAccessibleText(texts.get("manage.logs.listAccessible"));
        list.setPlaceholder(new Label(texts.get("manage.logs.empty")));
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setStyle("-fx-font-family: monospace;");
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : line.format(zone));
            }
        });
        list.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copyToClipboard();
                e.consume();
            }
        });
        filter.textProperty().addListener((o, before, now) -> applyFilter());
        level.valueProperty().addListener((o, before, now) -> applyFilter());

        setTop(bar);
        setCenter(list);
        setPadding(new Insets(12));
        scrollToEnd();
    }

    /** Stops listening to the appender; call when the view's window closes. */
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // removing a listener from a list does not fail
        }
    }

    /** The lines the filter lets through, as text. */
    public List<String> shownLines() {
        return shown.stream().map(l -> l.format(zone)).toList();
    }

    /** Sets the filter text and minimum level, as the user would. */
    public void filter(String text, LogLevel minimum) {
        filter.setText(text);
        level.setValue(minimum);
    }

    /** The text Copy puts on the clipboard: the selected lines, or every shown line when none is selected. */
    public String copyText() {
        List<LogLine> chosen = list.getSelectionModel().getSelectedItems().isEmpty()
                ? List.copyOf(shown) : List.copyOf(list.getSelectionModel().getSelectedItems());
        StringBuilder text = new StringBuilder();
        chosen.forEach(l -> text.append(l.format(zone)).append(System.lineSeparator()));
        return text.toString();
    }

    private void copyToClipboard() {
        ClipboardContent content = new ClipboardContent();
        content.putString(copyText());
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void applyFilter() {
        String needle = filter.getText() == null ? "" : filter.getText().strip().toLowerCase(Locale.ROOT);
        LogLevel minimum = level.getValue() == null ? LogLevel.TRACE : level.getValue();
        shown.setPredicate(line -> line.level().isAtLeast(minimum)
                && (needle.isEmpty() || line.message().toLowerCase(Locale.ROOT).contains(needle)
                        || line.logger().toLowerCase(Locale.ROOT).contains(needle)));
    }

    /** Called on a logging thread: queue the line and make sure one drain is scheduled. */
    private void arrive(LogLine line) {
        arriving.add(line);
        if (drainScheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<LogLine> batch = new ArrayList<>();
        for (LogLine line; (line = arriving.poll()) != null; ) {
            if (!alreadyShown.contains(line)) {
                batch.add(line);
            }
        }
        alreadyShown.clear();
        if (batch.isEmpty()) {
            return;
        }
        boolean following = list.getSelectionModel().getSelectedItems().isEmpty();
        lines.addAll(batch);
        int excess = lines.size() - capacity;
        if (excess > 0) {
            lines.remove(0, excess);
        }
        if (following) {
            scrollToEnd();
        }
    }

    private void scrollToEnd() {
        if (!shown.isEmpty()) {
            list.scrollTo(shown.size() - 1);
        }
    }
}

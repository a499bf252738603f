package dev.corridor.ui.manage;

import dev.corridor.logging.RecentLogAppender;
import dev.corridor.ui.Texts;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "Logs" window: a {@link LogPane} in its own stage, which stops listening when closed. */
public final class LogWindow {
    private LogWindow() {}

    /**
     * Opens the log window over {@code owner}, fed by {@code source} (see
     * {@link RecentLogAppender#install(int)}); "Export diagnostics" runs {@code onExport}.
     */
    public static Stage show(Window owner, RecentLogAppender source, Texts texts, Runnable onExport) {
        LogPane pane = new LogPane(source, texts, onExport);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(texts.get("manage.logs.title"));
        stage.setScene(new Scene(pane, 900, 560));
        stage.setOnHidden(e -> pane.close());
        stage.show();
        return stage;
    }
}

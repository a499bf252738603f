package dev.corridor.ui.manage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.ui.Texts;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
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

/** Export diagnostics from the window: a redacted zip and a sentence saying where, or why not. */
@ExtendWith(ApplicationExtension.class)
class DiagnosticsExportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T23:59:01Z"), ZoneOffset.UTC);
    @TempDir
    Path data;
    @TempDir
    Path out;
    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != owner).forEach(Window::hide));
    }

    @Test
    void theArchiveIsWrittenRedactedAndTheUserIsTold(FxRobot robot) throws Exception {
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("logs/corridor.log"), "INFO sent password=uiSECRETmark\n"
                + "DEBUG totp_secret=JBSWY3DPUIMARK\n");
        Path target = out.resolve("diag.zip");
        robot.interact(() -> DiagnosticsExport.export(owner, data, target, Texts.forLocale(Locale.ENGLISH),
                BackgroundWork.singleThread(), CLOCK));

        Fx.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        String said = robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText();
        assertThat(said).startsWith("Saved ").contains(target.toString(), "hidden");
        StringBuilder everything = new StringBuilder();
        try (InputStream in = Files.newInputStream(target); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                everything.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(everything).contains("password=[redacted]").doesNotContain("uiSECRETmark", "JBSWY3DPUIMARK");
    }

    @Test
    void aFailureIsOneSentenceWithoutAStackTrace(FxRobot robot) {
        Path target = out.resolve("missing-folder/diag.zip");
        robot.interact(() -> DiagnosticsExport.export(owner, data, target, Texts.forLocale(Locale.JAPANESE),
                BackgroundWork.singleThread(), CLOCK));

        Fx.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        String said = robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText();
        assertThat(said).startsWith("診断情報を " + target + " に保存できませんでした。")
                .contains("does not exist").doesNotContain("Exception", "\tat ", "dev.corridor.");
        assertThat(target.getParent()).doesNotExist();
    }
}

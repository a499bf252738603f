package dev.corridor.ui.manage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Lets the user drop a {@code .ovpn} (or {@code .conf}) file onto a scene, e.g. the main window,
 * to import it. Only a single profile file is accepted; anything else is not even offered a drop.
 */
public final class ProfileDropTarget {
    private ProfileDropTarget() {}

    /**
     * Installs the drag-over and drop handlers on {@code scene}; {@code onProfileFile} is called
     * on the JavaFX thread with the dropped file, which it should import (see
     * {@link ProfilesWindow#importFile}).
     */
    public static void install(Scene scene, Consumer<Path> onProfileFile) {
        Objects.requireNonNull(onProfileFile, "onProfileFile");
        scene.addEventHandler(DragEvent.DRAG_OVER, event -> {
            if (event.getGestureSource() == null && profileFile(files(event.getDragboard())).isPresent()) {
                event.acceptTransferModes(TransferMode.COPY);
                event.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, event -> {
            Optional<Path> file = profileFile(files(event.getDragboard()));
            file.ifPresent(onProfileFile);
            event.setDropCompleted(file.isPresent());
            event.consume();
        });
    }

    /**
     * The one profile file among {@code dropped}, or empty when there is none or more than one
     * file. Decided by name only: no disk access on the JavaFX thread during a drag (a name that
     * is not a file is reported by the import).
     */
    public static Optional<Path> profileFile(List<File> dropped) {
        if (dropped == null || dropped.size() != 1) {
            return Optional.empty();
        }
        File file = dropped.get(0);
        String name = file.getName().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".ovpn") || name.endsWith(".conf"))) {
            return Optional.empty();
        }
        return Optional.of(file.toPath());
    }

    private static List<File> files(Dragboard dragboard) {
        return dragboard != null && dragboard.hasFiles() ? dragboard.getFiles() : List.of();
    }
}

package dev.corridor.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import dev.corridor.platform.DataDirectory;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logback property definer that supplies the log folder, {@code <data folder>/logs}, and creates
 * it owner-only; logback.xml uses it as {@code <define name="LOG_DIR" class="...LogFolderProperty"/>}.
 */
public class LogFolderProperty extends PropertyDefinerBase {
    /** The name of the log folder inside the data folder. */
    public static final String FOLDER_NAME = "logs";

    /** The log folder for the current user: {@code DataDirectory.current()/logs}. */
    public static Path folder() {
        return DataDirectory.current().resolve(FOLDER_NAME);
    }

    @Override
    public String getPropertyValue() {
        Path folder = folder();
        try {
            Path data = folder.getParent();
            if (!Files.isDirectory(data)) {
                // Logging may be the first thing to touch the data folder: create it owner-only too,
                // but leave the permissions of a folder that already exists alone.
                OwnerOnly.createFolder(data);
            }
            OwnerOnly.createFolder(folder);
        } catch (IOException | RuntimeException e) {
            // The appender reports the failure to open its file; logging to the console goes on.
            addWarn("Could not create the log folder " + folder + " owner-only", e);
        }
        // Forward slashes work on every platform and are never read as escapes by Logback.
        return folder.toString().replace('\\', '/');
    }
}

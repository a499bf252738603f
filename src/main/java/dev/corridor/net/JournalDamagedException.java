package dev.corridor.net;

import java.nio.file.Path;

/** The undo journal exists but cannot be read or understood; it is kept on disk for a person to look at. */
public class JournalDamagedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public JournalDamagedException(Path file, String problem) {
        super("the network undo journal " + file + " is damaged: " + problem
                + "; it was kept; check the routes, addresses and DNS by hand, then delete it");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}

package dev.corridor.ui;

/**
 * Where other screens hook into the window's menus ({@link MainWindow#addMenuItem}).
 *
 * <pre>
 *   Connection: Connect · Disconnect ─ [PROFILES: Manage profiles...] ─ Quit
 *   View:       Language ▸ English / 日本語 ─ [LOGS: Logs...]
 *   Tools:      [PREFERENCES: Preferences...] ─ [DIAGNOSTICS: Export diagnostics...]   (shown once it has items)
 * </pre>
 */
public enum MenuPlace {
    /** The Connection menu, before Quit: "Manage profiles...". */
    PROFILES,
    /** The View menu, after Language: "Logs...". */
    LOGS,
    /** The Tools menu: "Preferences...". */
    PREFERENCES,
    /** The Tools menu, after the preferences: "Export diagnostics...". */
    DIAGNOSTICS
}

package dev.corridor.ui.manage;

/**
 * What the tray icon's menu asks the main window to do; the main window implements it. Every
 * method is called on the JavaFX thread.
 */
public interface TrayActions {
    /** Connect with the stored profile named {@code profileName}. */
    void connect(String profileName);

    /** Disconnect the current connection. */
    void disconnect();

    /** Show the main window and bring it to the front. */
    void showWindow();

    /** Quit Corridor (disconnecting first); the implementation should call {@link SystemTrayIcon#remove()}. */
    void quit();
}

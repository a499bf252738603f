package dev.corridor.ui.manage;

import dev.corridor.client.ConnectionState;
import dev.corridor.ui.MainWindow;
import java.util.Objects;
import java.util.Optional;

/**
 * The tray icon's menu carried out on the main window: Connect and Disconnect go to the window,
 * Show window and Quit to what the desktop entry point gives (they concern the stage and the run).
 */
public final class WindowTrayActions implements TrayActions {
    private final MainWindow window;
    private final Runnable showWindow;
    private final Runnable quit;

    public WindowTrayActions(MainWindow window, Runnable showWindow, Runnable quit) {
        this.window = Objects.requireNonNull(window, "window");
        this.showWindow = Objects.requireNonNull(showWindow, "showWindow");
        this.quit = Objects.requireNonNull(quit, "quit");
    }

    /** What the tray shows for {@code window} now: its state, the profile in use (when busy), its profiles. */
    public static TrayStatus status(MainWindow window) {
        ConnectionState state = window.state();
        Optional<String> active = state == ConnectionState.DISCONNECTED ? Optional.empty() : window.selectedProfile();
        return new TrayStatus(state, active, window.profileNames());
    }

    @Override
    public void connect(String profileName) {
        window.connect(profileName);
    }

    @Override
    public void disconnect() {
        window.disconnect();
    }

    @Override
    public void showWindow() {
        showWindow.run();
    }

    @Override
    public void quit() {
        quit.run();
    }
}

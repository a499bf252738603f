package dev.corridor.ui;

import dev.corridor.client.HandshakeRehearsal;
import dev.corridor.client.HostTunProvider;
import dev.corridor.client.RehearsalPace;
import dev.corridor.logging.LogLevelSwitch;
import dev.corridor.logging.RecentLogAppender;
import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.ProfileStoreException;
import dev.corridor.settings.Preferences;
import dev.corridor.settings.PreferencesLoad;
import dev.corridor.settings.PreferencesStore;
import dev.corridor.ui.manage.WindowManagement;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window's entry point for {@code corridor} (no arguments) and {@code corridor demo}:
 * starts JavaFX without an {@code Application} subclass (so it runs from the plain class path),
 * opens the main window, and blocks until the window is closed.
 *
 * <pre>
 *   run(options) ─► display? ──no──► one line naming the CLI commands, exit 2
 *        │ yes
 *        ├─ recent-log appender; preferences.json ─► log level, language, reconnect,
 *        │  IPv6 leak guard                                                            [calling thread]
 *        ├─ HandshakeRehearsal (background, lowest priority; ends when the first engine is made),
 *        │  and with the host's TUN device one read of the host network (loads JNA and netlink)
 *        ├─ WindowSetup.forStore (profile store, engine, TUN choice, the preferred language)
 *        ├─ Platform.startup ─► MainWindow on a Stage ─► management menu items, drop target
 *        │     ─► extension(window) ─► tray icon (where there is a tray) ─► show   [FX thread]
 *        │     (not shown when "start minimised to tray" is on and the tray icon exists)
 *        │  (JavaFX already running in this process: the window opens through runLater instead)
 *        └─ wait until the window ends ─► tray icon removed ─► window.shutdown() (disconnect)
 *           ─► Platform.exit (if we started JavaFX) ─► 0
 * </pre>
 *
 * The window ends when it is closed, or with Connection ▸ Quit. With a tray icon, closing the
 * window only hides it (the tray keeps Corridor running) and the tray's Quit ends it.
 */
public final class DesktopWindow {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopWindow.class);
    /** The exit code when no window can be opened (no display, JavaFX failed to start). */
    public static final int EXIT_NO_WINDOW = 2;
    /** The exit code when the profile store cannot be opened. */
    public static final int EXIT_FAILURE = 1;

    /**
     * What the window starts with.
     *
     * @param selectedProfile the profile to preselect (by name), if any
     * @param notice          a text shown at the top of the window (the demo lists its users and codes there)
     * @param realTunnel      true: a real TUN device with routes and DNS (needs root); false: the in-memory TUN
     */
    public record Options(Optional<String> selectedProfile, Optional<String> notice, boolean realTunnel) {
        public Options {
            Objects.requireNonNull(selectedProfile, "selectedProfile");
            Objects.requireNonNull(notice, "notice");
        }

        /** No preselected profile, no notice, the in-memory TUN. */
        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), false);
        }
    }

    private DesktopWindow() {}

    /** Opens the window and returns its exit code once it is closed. */
    public static int run(Options options) {
        return run(options, window -> { });
    }

    /**
     * As {@link #run(Options)}, and lets {@code extension} add to the window (menu items, other
     * screens) on the JavaFX thread before it is shown.
     */
    public static int run(Options options, Consumer<MainWindow> extension) {
        Optional<String> missing = missingDisplay(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("glass.platform", ""));
        if (missing.isPresent()) {
            System.err.println(noWindowMessage(missing.get()));
            return EXIT_NO_WINDOW;
        }
        RecentLogAppender logs = recentLogs();
        Path dataFolder = DataDirectory.current();
        PreferencesStore preferencesStore = new PreferencesStore(dataFolder);
        PreferencesLoad loaded = preferencesStore.load(); // a damaged file is logged, set aside, and shown below
        Preferences preferences = loaded.preferences();
        LogLevelSwitch.apply(preferences.logLevel());
        ProfileStore store;
        try {
            store = ProfileStore.open(dataFolder, ProfileParser.standard(), Clock.systemUTC());
        } catch (ProfileStoreException e) {
            System.err.println("corridor: cannot open the profile store: " + e.getMessage());
            return EXIT_FAILURE;
        }
        // While the window opens and the user picks a profile, the handshake's code gets compiled and
        // (with the host's TUN device) the native bridge to the host network is loaded by a read.
        HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(RehearsalPace.ADAPTIVE, Clock.systemUTC(),
                new SecureRandom());
        if (options.realTunnel()) {
            Thread read = new Thread(() -> LOG.debug("{}", HostTunProvider.readHostNetworkOnce(dataFolder)),
                    "corridor-host-network-read");
            read.setDaemon(true);
            read.setPriority(Thread.MIN_PRIORITY);
            read.start();
        }
        WindowSetup setup = WindowSetup.forStore(store, options, rehearsal)
                .withLocale(preferences.language().locale(Locale.getDefault()));
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<MainWindow> shown = new AtomicReference<>();
        AtomicReference<WindowManagement> management = new AtomicReference<>();
        Runnable open = () -> {
            MainWindow window = new MainWindow(setup);
            shown.set(window);
            window.useReconnect(preferences.reconnectAutomatically(), preferences.maxReconnectAttempts());
            window.useIpv6LeakGuard(preferences.ipv6LeakGuard());
            Stage stage = new Stage();
            stage.setScene(new Scene(window.root(), MainWindow.WIDTH, MainWindow.HEIGHT));
            window.attach(stage);
            management.set(WindowManagement.install(window, stage, dataFolder, store, preferencesStore, logs));
            AtomicBoolean hidingToTray = new AtomicBoolean();
            stage.setOnHidden(e -> {
                if (!hidingToTray.getAndSet(false)) {
                    closed.countDown();
                }
            });
            extension.accept(window);
            boolean tray = management.get().installTray(() -> showWindow(stage), () -> {
                stage.hide();
                closed.countDown();
            });
            if (tray) {
                stage.setOnCloseRequest(e -> {
                    e.consume();
                    hidingToTray.set(true);
                    stage.hide();
                });
            }
            if (!(tray && preferences.startMinimisedToTray())) {
                stage.show();
                loaded.problem().ifPresent(management.get().menu()::showPreferencesProblem);
            }
            LOG.info("desktop window open ({}, tray icon: {})", setup.locale().getLanguage(), tray ? "yes" : "no");
        };
        // An exception while building the window must not leave run() waiting for a window that never
        // opened: it ends the wait and becomes the one-line message.
        AtomicReference<String> openFailure = new AtomicReference<>();
        Runnable guardedOpen = () -> {
            try {
                open.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("the desktop window could not open", e);
                openFailure.set(firstLine(e));
                closed.countDown();
            }
        };
        boolean started;
        try {
            Platform.startup(guardedOpen);
            started = true;
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(guardedOpen); // JavaFX is already up in this process (a host application, tests)
            started = false;
        } catch (RuntimeException | LinkageError e) {
            rehearsal.stop();
            System.err.println(noWindowMessage("JavaFX could not start (" + firstLine(e) + ")"));
            return EXIT_NO_WINDOW;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rehearsal.stop(); // the window is gone: no one will press Connect (a host application's JVM lives on)
        if (openFailure.get() != null) {
            System.err.println(noWindowMessage("the window could not open (" + openFailure.get() + ")"));
            if (started) {
                Platform.exit();
            }
            return EXIT_NO_WINDOW;
        }
        if (management.get() != null) {
            management.get().removeTray(); // AWT work is queued by the icon itself; safe from this thread
        }
        MainWindow window = shown.get();
        if (window != null) {
            window.shutdown();
        }
        if (started) {
            Platform.exit();
        }
        return 0;
    }

    /** The in-memory log lines for the log window; a detached appender when logging is not Logback. */
    private static RecentLogAppender recentLogs() {
        try {
            return RecentLogAppender.install(RecentLogAppender.DEFAULT_CAPACITY);
        } catch (IllegalStateException notLogback) {
            return new RecentLogAppender(RecentLogAppender.DEFAULT_CAPACITY);
        }
    }

    /** Brings the window back from the tray. */
    private static void showWindow(Stage stage) {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    /**
     * Why no window can be opened, if that is known before trying: on Linux (and other X11/Wayland
     * systems) neither {@code DISPLAY} nor {@code WAYLAND_DISPLAY} is set. Monocle needs no display.
     */
    static Optional<String> missingDisplay(String osName, Map<String, String> environment, String glassPlatform) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || glassPlatform.equalsIgnoreCase("Monocle")) {
            return Optional.empty();
        }
        boolean x11 = !environment.getOrDefault("DISPLAY", "").isBlank();
        boolean wayland = !environment.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        return x11 || wayland ? Optional.empty() : Optional.of("no display: DISPLAY and WAYLAND_DISPLAY are not set");
    }

    /**
     * Why this process cannot open the window, if that is known before trying (no display); the
     * demo asks before it starts its endpoints.
     */
    public static Optional<String> whyNoWindow() {
        return missingDisplay(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("glass.platform", ""));
    }

    /** The one line shown instead of the window. */
    static String noWindowMessage(String why) {
        return "corridor: cannot open the window, " + why + "; use the commands instead: corridor profile import|list,"
                + " corridor check PROFILE, corridor connect PROFILE, corridor server (corridor --help lists them all)";
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

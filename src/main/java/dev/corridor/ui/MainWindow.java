package dev.corridor.ui;

import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.ConnectionState;
import dev.corridor.client.TunnelStatistics;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.profile.ProfileStoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Corridor's main window: profile selector, Connect / Disconnect, the state line with the reason
 * when something failed, the browser sign-in wait, the connection details and the throughput
 * graph, under a menu bar that other screens extend ({@link #addMenuItem}).
 *
 * <pre>
 *   ┌ Connection  View  [Tools] ──────────────────────────────────┐
 *   │ [notice]                                                     │
 *   │ Profile: [Work        ▾]  [Connect] [Disconnect]            │
 *   │ ● Connected                                                  │
 *   │   failure sentence (when something failed)                   │
 *   │ ┌ Continue in your browser ┐ (while a SAML sign-in waits)     │
 *   │ details grid             │ throughput graph                  │
 *   └──────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * Everything here runs on the JavaFX thread; the engine and disk work run in {@link ConnectionController}.
 */
public final class MainWindow {
    static final double WIDTH = 900;
    static final double HEIGHT = 600;
    /** How much throughput history the graph shows. */
    static final Duration GRAPH_WINDOW = Duration.ofMinutes(5);
    /** The clock time in the session-end notice. */
    private static final java.time.format.DateTimeFormatter SESSION_END_TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    private final WindowSetup setup;
    private final Labelling labels;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> profiles = new ComboBox<>();
    private final Button connect = new Button();
    private final Button disconnect = new Button();
    private final Label state = new Label();
    private final Circle lamp = new Circle(6);
    private final Label failure = new Label();
    private final Label sessionEnding = new Label();
    private final SessionEndNotice sessionNotice = new SessionEndNotice();
    private Optional<Instant> sessionEndingAt = Optional.empty();
    private final WindowMenus menus;
    private final DetailsPanel details;
    private final TrafficGraph graph;
    private final TrafficHistory history = new TrafficHistory(GRAPH_WINDOW);
    private final BrowserSignInPane signIn;
    private final ConnectionController controller;
    private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<String>>> profileListeners = new CopyOnWriteArrayList<>();
    private Stage stage;
    private ConnectionState current = ConnectionState.DISCONNECTED;
    private boolean starting;
    private boolean authRefused;
    private Optional<Function<Texts, String>> failureSentence = Optional.empty();
    private BannerDialog banner;

    public MainWindow(WindowSetup setup) {
        this.setup = setup;
        this.labels = new Labelling(Texts.forLocale(setup.locale()));
        this.menus = new WindowMenus(labels, new WindowMenus.Actions(this::connectSelected, this::disconnect,
                this::quit, this::useLanguage));
        this.details = new DetailsPanel(labels);
        this.graph = new TrafficGraph(labels, GRAPH_WINDOW);
        this.controller = new ConnectionController(setup, new DialogCredentials(labels, this::window),
                new ControllerEvents());
        this.signIn = new BrowserSignInPane(labels, () -> controller.reopen(signInUrl()), this::disconnect);
        layout();
        refreshProfiles();
        update();
    }

    private void layout() {
        profiles.setId("profile");
        profiles.setPrefWidth(280);
        Label profileLabel = Dialogs.labelFor("", profiles);
        connect.setId("connect");
        connect.setMnemonicParsing(true);
        connect.setDefaultButton(true);
        connect.setOnAction(e -> connectSelected());
        disconnect.setId("disconnect");
        disconnect.setMnemonicParsing(true);
        disconnect.setOnAction(e -> disconnect());
        profiles.valueProperty().addListener((o, was, now) -> update());
        HBox profileRow = new HBox(10, profileLabel, profiles, connect, disconnect);
        profileRow.setAlignment(Pos.CENTER_LEFT);

        state.setId("state");
        state.setStyle("-fx-font-size: 1.3em; -fx-font-weight: bold;");
        HBox stateRow = new HBox(8, lamp, state);
        stateRow.setAlignment(Pos.CENTER_LEFT);
        failure.setId("failure");
        failure.setWrapText(true);
        failure.setStyle("-fx-text-fill: #b00020;");
        sessionEnding.setId("session-ending");
        sessionEnding.setWrapText(true);
        sessionEnding.setStyle("-fx-background-color: #fff3cd; -fx-text-fill: #5c4400; -fx-padding: 6 10;");

        VBox center = new VBox(12);
        center.setPadding(new Insets(14, 16, 16, 16));
        setup.notice().ifPresent(text -> center.getChildren().add(notice(text)));
        HBox lower = new HBox(20, details.node(), graph.node());
        HBox.setHgrow(graph.node(), Priority.ALWAYS);
        VBox.setVgrow(lower, Priority.ALWAYS);
        center.getChildren().addAll(profileRow, stateRow, failure, sessionEnding, signIn.node(), lower);
        root.setTop(menus.bar());
        root.setCenter(center);

        labels.add(t -> {
            profileLabel.setText(t.get("main.profile"));
            profiles.setAccessibleText(t.get("main.profile.a11y"));
            profiles.setPromptText(t.get("main.profile.none"));
            connect.setText(t.get("main.connect"));
            connect.setAccessibleText(t.get("main.connect.a11y"));
            disconnect.setText(t.get("main.disconnect"));
            disconnect.setAccessibleText(t.get("main.disconnect.a11y"));
            renderState(t);
            if (stage != null) {
                stage.setTitle(t.get("app.title"));
            }
        });
    }

    private TextArea notice(String text) {
        TextArea area = new TextArea(text);
        area.setId("notice");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(6, (int) text.lines().count() + 1));
        labels.add(t -> area.setAccessibleText(t.get("main.notice.a11y")));
        return area;
    }

    /** The window's content, to put in a scene. */
    public Parent root() {
        return root;
    }

    /** Gives the window its stage (title, owner of the dialogs). */
    public void attach(Stage newStage) {
        stage = newStage;
        stage.setTitle(labels.texts().get("app.title"));
        stage.setMinWidth(640);
        stage.setMinHeight(460);
        stage.setOnShown(e -> profiles.requestFocus()); // the focus starts at the selector, then Connect
    }

    /**
     * Adds a menu item at {@code place} for another screen (Manage profiles..., Preferences...,
     * Logs..., Export diagnostics...). {@code label} gives its text in the current language (use
     * {@code _} before the mnemonic letter) and is asked again after every language switch.
     */
    public MenuItem addMenuItem(MenuPlace place, Function<Texts, String> label, Runnable action) {
        return menus.add(place, label, action);
    }

    /** The texts and re-labelling of the window, so that other screens follow its language. */
    public Labelling labels() {
        return labels;
    }

    /** Tells {@code listener} (on the FX thread) every time the connection's state changes; for the tray icon. */
    public void addStateListener(Consumer<ConnectionState> listener) {
        stateListeners.add(listener);
    }

    /** Tells {@code listener} (on the FX thread) the profile names every time they are read again; for the tray icon. */
    public void addProfilesListener(Consumer<List<String>> listener) {
        profileListeners.add(listener);
    }

    /** The profile names the selector offers, as last read. */
    public List<String> profileNames() {
        return List.copyOf(profiles.getItems());
    }

    /**
     * How connections started from now on reconnect: {@code automatically} false stops at the first
     * failure, also when an established connection is lost; otherwise the engine gives up after
     * {@code maxAttempts} failed attempts in a row (0: never).
     */
    public void useReconnect(boolean automatically, int maxAttempts) {
        controller.useReconnect(new ConnectionController.Reconnect(automatically, maxAttempts));
    }

    /**
     * The IPv6 leak guard for connections started from now on (with the host's TUN device; the
     * in-memory one changes no routes); a connection already running keeps the guard it started with.
     */
    public void useIpv6LeakGuard(Ipv6LeakGuard guard) {
        controller.useIpv6LeakGuard(guard);
    }

    public ConnectionState state() {
        return current;
    }

    /** The profile chosen in the selector, if any. */
    public Optional<String> selectedProfile() {
        return Optional.ofNullable(profiles.getValue());
    }

    /** Reads the profile names again (off the FX thread), keeping the selection when it still exists. */
    public void refreshProfiles() {
        String wanted = profiles.getValue() != null ? profiles.getValue() : setup.selectedProfile().orElse(null);
        Thread reader = new Thread(() -> {
            List<String> names;
            try {
                names = setup.profiles().names();
            } catch (ProfileStoreException e) {
                Platform.runLater(() -> fail(FailureText.unexpected(e.getMessage())));
                return;
            }
            Platform.runLater(() -> {
                profiles.getItems().setAll(names);
                if (wanted != null && names.contains(wanted)) {
                    profiles.setValue(wanted);
                } else if (profiles.getValue() == null && !names.isEmpty()) {
                    profiles.setValue(names.get(0));
                }
                update();
                List<String> offered = List.copyOf(names);
                profileListeners.forEach(l -> l.accept(offered));
            });
        }, "corridor-ui-profiles");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects {@code profileName} (selecting it), unless a connection is running. */
    public void connect(String profileName) {
        if (current != ConnectionState.DISCONNECTED || starting) {
            return;
        }
        profiles.setValue(profileName);
        starting = true;
        failureSentence = Optional.empty();
        authRefused = false;
        history.clear();
        sessionNotice.reset();
        sessionEndingAt = Optional.empty();
        details.settings(Optional.empty());
        details.server(Optional.empty());
        details.statistics(TunnelStatistics.empty(), Instant.now());
        graph.show(List.of(), Instant.now());
        update();
        controller.connect(profileName);
    }

    /** Ends the connection (or the wait for the browser). */
    public void disconnect() {
        controller.disconnect();
    }

    /** Switches the window's language; every label follows at once. */
    public void useLanguage(Locale locale) {
        labels.use(Texts.forLocale(locale));
    }

    /** Disconnects and stops the window's threads; blocks briefly, so call it off the FX thread. */
    public void shutdown() {
        controller.close();
    }

    private void connectSelected() {
        selectedProfile().ifPresent(this::connect);
    }

    private void quit() {
        if (stage != null) {
            stage.close();
        }
    }

    private Window window() {
        return stage != null ? stage : root.getScene() == null ? null : root.getScene().getWindow();
    }

    private String signInUrl() {
        return signIn.url();
    }

    private void fail(Function<Texts, String> sentence) {
        failureSentence = Optional.of(sentence);
        update();
    }

    /** Enables the controls and rewrites the state line for the current state. */
    private void update() {
        boolean idle = current == ConnectionState.DISCONNECTED && !starting;
        boolean canConnect = idle && profiles.getValue() != null;
        connect.setDisable(!canConnect);
        disconnect.setDisable(idle);
        profiles.setDisable(!idle);
        menus.enable(canConnect, !idle);
        renderState(labels.texts());
        details.render(labels.texts());
    }

    private void renderState(Texts t) {
        state.setText(starting && current == ConnectionState.DISCONNECTED ? t.get("state.connecting")
                : StatusWords.of(t, current, signIn.showing()));
        state.setAccessibleText(t.format("main.state.a11y", state.getText()));
        lamp.setFill(current == ConnectionState.CONNECTED ? Color.web("#2e7d32")
                : current == ConnectionState.DISCONNECTED && !starting ? Color.web("#9e9e9e") : Color.web("#f9a825"));
        String sentence = failureSentence.map(f -> f.apply(t)).orElse("");
        failure.setText(sentence);
        failure.setAccessibleText(sentence);
        failure.setVisible(!sentence.isEmpty());
        failure.setManaged(!sentence.isEmpty());
        String ending = sessionEndingAt.map(end -> t.format("session.ending", SESSION_END_TIME.format(
                end.atZone(java.time.ZoneId.systemDefault())))).orElse("");
        sessionEnding.setText(ending);
        sessionEnding.setAccessibleText(ending);
        sessionEnding.setVisible(!ending.isEmpty());
        sessionEnding.setManaged(!ending.isEmpty());
    }

    /** Shows the session-end notice when {@link SessionEndNotice} says it is due at {@code now} (tests pass a later time). */
    void checkSessionEnd(Instant now) {
        if (sessionNotice.due(now)) {
            sessionEndingAt = sessionNotice.end();
            renderState(labels.texts());
        }
    }

    /** What the controller reports, on the FX thread. */
    private final class ControllerEvents implements ConnectionController.Listener {
        @Override
        public void event(ConnectionEvent event) {
            if (event instanceof ConnectionEvent.StateChanged changed) {
                starting = false;
                current = changed.state();
                if (current == ConnectionState.CONNECTING) {
                    details.server(DetailsPanel.Server.fromConnectingDetail(changed.detail()));
                }
                if (current != ConnectionState.WAITING_FOR_USER) {
                    signIn.hide();
                }
                if (current == ConnectionState.RECONNECTING || current == ConnectionState.DISCONNECTED) {
                    details.settings(Optional.empty());
                }
                stateListeners.forEach(l -> l.accept(current));
            } else if (event instanceof ConnectionEvent.Connected connected) {
                details.settings(Optional.of(connected.settings()));
                details.at(Instant.now());
                sessionNotice.watch(connected.settings().sessionEnd());
                checkSessionEnd(Instant.now());
                failureSentence = Optional.empty();
                authRefused = false;
            } else if (event instanceof ConnectionEvent.BrowserSignIn browser) {
                signIn.show(browser.url(), browser.browserOpened(), labels.texts());
            } else if (event instanceof ConnectionEvent.Banner text) {
                if (banner == null || !banner.isShowing()) {
                    banner = new BannerDialog(window(), labels.texts());
                }
                banner.show(text.text());
            } else if (event instanceof ConnectionEvent.AuthenticationFailed refused) {
                authRefused = true;
                failureSentence = Optional.of(FailureText.authentication(refused.reason()));
            } else if (event instanceof ConnectionEvent.AttemptFailed attempt) {
                if (attempt.willRetry()) {
                    failureSentence = Optional.of(t -> t.format("failure.retrying", attempt.reason()));
                }
            } else if (event instanceof ConnectionEvent.Disconnected ended) {
                starting = false;
                current = ConnectionState.DISCONNECTED;
                signIn.hide();
                details.settings(Optional.empty());
                sessionEndingAt = Optional.empty();
                if (ended.error() && !FailureText.isBusyPort(ended.reason()) && !authRefused) {
                    failureSentence = Optional.of(FailureText.ended(ended));
                } else if (!ended.error() && !authRefused) {
                    failureSentence = Optional.empty(); // the user asked: no retry message stays behind
                }
            }
            update();
        }

        @Override
        public void sample(TunnelStatistics statistics, Instant at) {
            history.add(at, statistics.bytesIn(), statistics.bytesOut(), statistics.roundTrip());
            details.statistics(statistics, at);
            details.render(labels.texts());
            checkSessionEnd(at);
            graph.show(history.rates(), at);
        }

        @Override
        public void failure(Function<Texts, String> sentence) {
            starting = false;
            fail(sentence);
        }

        @Override
        public void browserOpened(String url, boolean opened) {
            if (signIn.showing()) {
                signIn.show(url, opened, labels.texts());
            }
        }
    }

    // Package-private views for the tests.
    DetailsPanel details() {
        return details;
    }

    TrafficGraph graph() {
        return graph;
    }

    ConnectionController controller() {
        return controller;
    }

    /** The session-end notice line, for tests. */
    Label sessionEnding() {
        return sessionEnding;
    }

    Optional<BannerDialog> banner() {
        return Optional.ofNullable(banner);
    }
}

package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.saml.PortHolderLookup;
import dev.corridor.client.ConnectOptions;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.ConnectionState;
import dev.corridor.client.HostTunProvider;
import dev.corridor.client.InMemoryTunProvider;
import dev.corridor.client.SamlSignInOptions;
import dev.corridor.client.TunProvider;
import dev.corridor.client.TunnelStatistics;
import dev.corridor.client.VpnClient;
import dev.corridor.logging.RecentLogAppender;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.settings.Language;
import dev.corridor.settings.PreferencesStore;
import dev.corridor.ui.manage.WindowManagement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The IPv6 leak guard of the Preferences reaches the window's TUN providers: the real-tunnel factory
 * makes the host's provider with the guard it is asked for, and each press of Connect asks with the
 * guard saved in the Preferences at that moment.
 */
@ExtendWith(ApplicationExtension.class)
class WindowSetupLeakGuardTest {
    private static final Path FIXTURE = Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn");
    @TempDir
    Path data;
    private Stage stage;
    private WindowDriver driver;
    /** The TUN providers the engines were started with, in order. */
    private final List<TunProvider> used = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void theRealTunnelFactoryMakesTheHostProviderWithTheGuardItIsAskedFor() throws Exception {
        ProfileStore store = ProfileStore.open(data, ProfileParser.standard(), Clock.systemUTC());
        store.importText("office", Files.readAllBytes(FIXTURE), "test");
        Profile profile = store.load("office").profile().orElseThrow();
        WindowSetup real = WindowSetup.forStore(store, new DesktopWindow.Options(Optional.empty(), Optional.empty(),
                true));
        for (Ipv6LeakGuard guard : Ipv6LeakGuard.values()) {
            // making the provider changes nothing on the host (no device, no routes) until it is opened
            TunProvider tun = real.tunnels().forConnect(profile, guard);
            try {
                assertThat(tun).isInstanceOf(HostTunProvider.class);
                assertThat(((HostTunProvider) tun).guard()).as("guard asked for: " + guard).isEqualTo(guard);
            } finally {
                tun.release();
            }
        }
        WindowSetup inMemory = WindowSetup.forStore(store, DesktopWindow.Options.defaults());
        assertThat(inMemory.tunnels().forConnect(profile, Ipv6LeakGuard.ALWAYS)).isInstanceOf(InMemoryTunProvider.class);
    }

    @Test
    void eachConnectUsesTheGuardSavedInThePreferencesAtThatMoment(FxRobot robot) throws Exception {
        ProfileStore store = ProfileStore.open(data, ProfileParser.standard(), Clock.systemUTC());
        store.importText("office", Files.readAllBytes(FIXTURE), "test");
        List<Ipv6LeakGuard> asked = new CopyOnWriteArrayList<>();
        List<TunProvider> made = new CopyOnWriteArrayList<>();
        WindowSetup setup = new WindowSetup(ProfileSource.of(store), () -> new EndingEngine(used), (profile, guard) -> {
            asked.add(guard);
            TunProvider tun = new InMemoryTunProvider();
            made.add(tun);
            return tun;
        }, SamlSignInOptions.defaults(), PortHolderLookup.system(), Duration.ofSeconds(20), Locale.ENGLISH,
                Optional.empty(), Optional.of("office"));
        driver = WindowDriver.open(robot, stage, setup);
        PreferencesStore preferences = new PreferencesStore(data);
        robot.interact(() -> WindowManagement.install(driver.window, stage, data, store, preferences,
                new RecentLogAppender(RecentLogAppender.DEFAULT_CAPACITY)));
        driver.select("office");

        connectAndWait(robot, 1);
        assertThat(asked).as("before any preference is saved").containsExactly(Ipv6LeakGuard.AUTO);

        // the language switch shows that the saved preferences have been applied to the window
        save(robot, Ipv6LeakGuard.ALWAYS, Language.JAPANESE, Locale.JAPANESE);
        assertThat(asked).as("saving alone starts nothing").hasSize(1);
        connectAndWait(robot, 2);
        save(robot, Ipv6LeakGuard.NEVER, Language.ENGLISH, Locale.ENGLISH);
        connectAndWait(robot, 3);

        assertThat(asked).containsExactly(Ipv6LeakGuard.AUTO, Ipv6LeakGuard.ALWAYS, Ipv6LeakGuard.NEVER);
        assertThat(used).as("the engine gets the provider made with that guard").containsExactlyElementsOf(made);
        assertThat(new PreferencesStore(data).load().preferences().ipv6LeakGuard()).isEqualTo(Ipv6LeakGuard.NEVER);
    }

    /** Presses Connect and waits until the engine has been started {@code connects} times and has ended. */
    private void connectAndWait(FxRobot robot, int connects) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#connect").query().isDisabled());
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> used.size() == connects
                && !robot.lookup("#connect").query().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens Tools ▸ Preferences, chooses {@code guard} and {@code language}, saves, and waits until applied. */
    @SuppressWarnings("unchecked")
    private void save(FxRobot robot, Ipv6LeakGuard guard, Language language, Locale applied) throws Exception {
        robot.interact(() -> preferencesItem().fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#prefs-ipv6guard").tryQuery().isPresent());
        ComboBox<Ipv6LeakGuard> guards = robot.lookup("#prefs-ipv6guard").queryAs(ComboBox.class);
        ComboBox<Language> languages = robot.lookup("#prefs-language").queryAs(ComboBox.class);
        robot.interact(() -> {
            guards.setValue(guard);
            languages.setValue(language);
        });
        robot.clickOn("#prefs-save");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> driver.window.labels().texts().locale().equals(applied));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private MenuItem preferencesItem() {
        MenuBar bar = (MenuBar) driver.window.root().lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(menu -> menu.getItems().stream())
                .filter(item -> "menu-preferences".equals(item.getId())).findFirst().orElseThrow();
    }

    /** An engine that records the TUN provider it is given and ends the connection at once. */
    private static final class EndingEngine implements VpnClient {
        private final List<TunProvider> used;
        private final List<Consumer<ConnectionEvent>> listeners = new CopyOnWriteArrayList<>();

        EndingEngine(List<TunProvider> used) {
            this.used = used;
        }

        @Override
        public void connect(String profileName, Profile profile, ConnectOptions options) {
            used.add(options.tun());
            listeners.forEach(l -> l.accept(new ConnectionEvent.Disconnected("test ends at once", false)));
        }

        @Override
        public void disconnect() { }

        @Override
        public ConnectionState state() {
            return ConnectionState.DISCONNECTED;
        }

        @Override
        public TunnelStatistics statistics() {
            return TunnelStatistics.empty();
        }

        @Override
        public void addListener(Consumer<ConnectionEvent> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() { }
    }
}

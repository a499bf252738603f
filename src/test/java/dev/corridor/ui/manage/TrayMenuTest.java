package dev.corridor.ui.manage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.client.ConnectionState;
import dev.corridor.ui.Texts;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tray menu follows the connection; without a tray (headless tests) the icon is simply absent. */
class TrayMenuTest {
    private final Texts texts = Texts.forLocale(Locale.ENGLISH);

    private static List<String> labels(List<TrayMenu.Item> items) {
        return items.stream().map(i -> (i.enabled() ? "" : "(off) ") + i.kind() + " " + i.label()).toList();
    }

    @Test
    void disconnectedOffersEveryProfile() {
        List<TrayMenu.Item> items = TrayMenu.items(TrayStatus.disconnected(List.of("Work", "Lab")), texts);
        assertThat(labels(items)).containsExactly(
                "(off) STATE Corridor: Disconnected", "(off) SEPARATOR ",
                "CONNECT Connect “Work”", "CONNECT Connect “Lab”",
                "(off) SEPARATOR ", "SHOW Show window", "QUIT Quit Corridor");
        assertThat(items.get(3).profile()).isEqualTo("Lab");
    }

    @Test
    void connectedOffersToDisconnectThatProfileOnly() {
        TrayStatus status = new TrayStatus(ConnectionState.CONNECTED, Optional.of("Work"), List.of("Work", "Lab"));
        assertThat(labels(TrayMenu.items(status, texts))).containsSubsequence(
                "(off) STATE Corridor: Connected (Work)", "DISCONNECT Disconnect “Work”", "(off) CONNECT Connect “Lab”");
        assertThat(TrayMenu.tooltip(status, Texts.forLocale(Locale.JAPANESE))).isEqualTo("Corridor: 接続済み（Work）");
    }

    @Test
    void aConnectionOfAProfileNotListedCanStillBeStopped() {
        TrayStatus status = new TrayStatus(ConnectionState.RECONNECTING, Optional.of("Gone"), List.of());
        assertThat(labels(TrayMenu.items(status, texts))).contains("DISCONNECT Disconnect",
                "(off) STATE No profiles yet");
    }

    @Test
    void everyStateHasAWordAndALook() {
        for (ConnectionState state : ConnectionState.values()) {
            for (Locale locale : Texts.LANGUAGES) {
                assertThat(Texts.forLocale(locale).has("manage.tray.state." + state.name().toLowerCase(Locale.ROOT)))
                        .as(state + " " + locale).isTrue();
            }
        }
        assertThat(TrayMenu.look(ConnectionState.CONNECTED)).isEqualTo(TrayMenu.Look.CONNECTED);
        assertThat(TrayMenu.look(ConnectionState.AUTHENTICATING)).isEqualTo(TrayMenu.Look.BUSY);
        assertThat(TrayMenu.look(ConnectionState.DISCONNECTED)).isEqualTo(TrayMenu.Look.DISCONNECTED);
    }

    @Test
    void theIconsAreDrawnInThreeColours() {
        int connected = SystemTrayIcon.draw(TrayMenu.Look.CONNECTED, 32).getRGB(6, 16);
        int busy = SystemTrayIcon.draw(TrayMenu.Look.BUSY, 32).getRGB(6, 16);
        BufferedImage off = SystemTrayIcon.draw(TrayMenu.Look.DISCONNECTED, 32);
        assertThat(List.of(connected, busy, off.getRGB(6, 16))).doesNotHaveDuplicates();
        assertThat(off.getRGB(0, 0) >>> 24).as("corner transparent").isZero();
    }

    @Test
    void withoutATrayNothingIsInstalled() {
        AtomicInteger calls = new AtomicInteger();
        TrayActions actions = new TrayActions() {
            @Override
            public void connect(String profileName) {
                calls.incrementAndGet();
            }

            @Override
            public void disconnect() {
                calls.incrementAndGet();
            }

            @Override
            public void showWindow() {
                calls.incrementAndGet();
            }

            @Override
            public void quit() {
                calls.incrementAndGet();
            }
        };
        assertThat(SystemTrayIcon.supported()).as("tests run with java.awt.headless=true").isFalse();
        assertThat(SystemTrayIcon.install(actions, texts, TrayStatus.disconnected(List.of("Work")))).isEmpty();
        assertThat(SystemTrayIcon.install(actions, texts, TrayStatus.disconnected(List.of()))).isEmpty();
        assertThat(calls.get()).isZero();
    }
}

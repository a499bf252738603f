package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.saml.PortBusyException;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.ConnectionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The window's plain pieces: throughput history, amounts, the server line, state words and failure sentences. */
class WindowPiecesTest {
    private static final Texts EN = Texts.forLocale(Locale.ENGLISH);
    private static final Texts JA = Texts.forLocale(Locale.JAPANESE);

    @Test
    void throughputIsTheCounterDifferenceOverTheTimeBetweenSamples() {
        TrafficHistory history = new TrafficHistory(Duration.ofSeconds(10));
        Instant t0 = Instant.parse("2026-11-29T00:00:00Z");
        history.add(t0, 1000, 500, Optional.empty());
        assertThat(history.rates()).isEmpty();
        history.add(t0.plusSeconds(2), 3000, 500, Optional.of(Duration.ofMillis(12)));
        assertThat(history.rates()).containsExactly(new TrafficHistory.Rate(t0.plusSeconds(2), 8000, 0, 12.0));
        history.add(t0.plusSeconds(3), 10, 10, Optional.empty()); // counters went down: a new tunnel, no rate
        assertThat(history.rates()).hasSize(1);
        history.add(t0.plusSeconds(13), 1010, 10, Optional.empty());
        assertThat(history.rates()).as("older than the window fell off")
                .containsExactly(new TrafficHistory.Rate(t0.plusSeconds(13), 800, 0, Double.NaN));
        history.clear();
        assertThat(history.rates()).isEmpty();
    }

    @Test
    void amountsUseBinaryUnitsAndHoursMinutesSeconds() {
        assertThat(Amounts.bytes(0)).isEqualTo("0 B");
        assertThat(Amounts.bytes(1023)).isEqualTo("1023 B");
        assertThat(Amounts.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Amounts.bytes(20L * 1024 * 1024)).isEqualTo("20.0 MiB");
        assertThat(Amounts.clock(Duration.ofSeconds(5))).isEqualTo("0:00:05");
        assertThat(Amounts.clock(Duration.ofSeconds(12 * 3600 + 34 * 60 + 56))).isEqualTo("12:34:56");
        assertThat(Amounts.clock(Duration.ofSeconds(-3))).isEqualTo("0:00:00");
    }

    @Test
    void theServerLineComesFromTheEnginesConnectingDetail() {
        assertThat(DetailsPanel.Server.fromConnectingDetail("udp /127.0.0.1:1194"))
                .contains(new DetailsPanel.Server("UDP", "127.0.0.1:1194"));
        assertThat(DetailsPanel.Server.fromConnectingDetail("tcp vpn.example.com/198.18.0.2:443"))
                .contains(new DetailsPanel.Server("TCP", "vpn.example.com (198.18.0.2:443)"));
        assertThat(DetailsPanel.Server.fromConnectingDetail("udp 127.0.0.1/127.0.0.1:1194"))
                .contains(new DetailsPanel.Server("UDP", "127.0.0.1:1194"));
        assertThat(DetailsPanel.Server.fromConnectingDetail("nonsense")).isEmpty();
    }

    @Test
    void theNineEngineStatesShowAsTheFiveAUserKnows() {
        assertThat(StatusWords.of(EN, ConnectionState.DISCONNECTED, false)).isEqualTo("Disconnected");
        for (ConnectionState s : new ConnectionState[] {ConnectionState.RESOLVING, ConnectionState.CONNECTING,
            ConnectionState.TLS_HANDSHAKE, ConnectionState.AUTHENTICATING, ConnectionState.GETTING_CONFIGURATION}) {
            assertThat(StatusWords.of(EN, s, false)).isEqualTo("Connecting");
        }
        assertThat(StatusWords.of(EN, ConnectionState.WAITING_FOR_USER, true)).isEqualTo("Waiting for browser sign-in");
        assertThat(StatusWords.of(EN, ConnectionState.WAITING_FOR_USER, false)).isEqualTo("Waiting for your sign-in");
        assertThat(StatusWords.of(EN, ConnectionState.CONNECTED, false)).isEqualTo("Connected");
        assertThat(StatusWords.of(EN, ConnectionState.RECONNECTING, false)).isEqualTo("Reconnecting");
        assertThat(StatusWords.of(JA, ConnectionState.CONNECTED, false)).isEqualTo("接続済み");
    }

    @Test
    void failuresAreOneSentenceInEitherLanguage() {
        String busy = new PortBusyException(35001, Optional.empty(), null).getMessage();
        assertThat(FailureText.isBusyPort(busy)).isTrue();
        assertThat(FailureText.isBusyPort("authentication failed: nope")).isFalse();
        assertThat(FailureText.busyPort(35001, Optional.of("pid 42 (nc -l 35001)")).apply(EN))
                .isEqualTo("The browser sign-in could not start: port 35001 on this computer is in use by"
                        + " pid 42 (nc -l 35001). Close that program and connect again.");
        assertThat(FailureText.busyPort(35001, Optional.empty()).apply(JA)).contains("35001").doesNotContain("35,001");
        assertThat(FailureText.authentication("").apply(EN)).isEqualTo("The server refused the sign-in.");
        assertThat(FailureText.authentication("Invalid username or password").apply(JA))
                .isEqualTo("サーバーがサインインを拒否しました: Invalid username or password");
        assertThat(FailureText.ended(new ConnectionEvent.Disconnected("the server ended the connection: bye",
                ConnectionEvent.Ending.SERVER_HALT)).apply(EN))
                .isEqualTo("The server ended the connection: the server ended the connection: bye");
        assertThat(FailureText.ended(new ConnectionEvent.Disconnected("no answer", true)).apply(EN))
                .isEqualTo("The connection failed: no answer");
        assertThat(FailureText.profile("Work", "it's broken").apply(EN))
                .isEqualTo("The profile \"Work\" cannot be used: it's broken");
    }
}

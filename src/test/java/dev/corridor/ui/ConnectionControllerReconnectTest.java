package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.auth.saml.PortHolderLookup;
import dev.corridor.client.ConnectOptions;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.ConnectionState;
import dev.corridor.client.InMemoryTunProvider;
import dev.corridor.client.SamlSignInOptions;
import dev.corridor.client.TunnelStatistics;
import dev.corridor.client.VpnClient;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconnect and IPv6 leak guard preferences reach the engine's options, and "reconnect off"
 * ends a lost connection.
 */
class ConnectionControllerReconnectTest {
    private static final Path FIXTURE = Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn");
    private final List<Ipv6LeakGuard> guards = new CopyOnWriteArrayList<>();
    private final ConnectionController controller = new ConnectionController(new WindowSetup(
            new ProfileSource() {
                @Override
                public java.util.List<String> names() {
                    return java.util.List.of();
                }

                @Override
                public dev.corridor.profile.ParseResult load(String name) {
                    throw new UnsupportedOperationException("not used here");
                }
            }, () -> null, (profile, guard) -> {
                guards.add(guard);
                return new InMemoryTunProvider();
            }, SamlSignInOptions.defaults(),
            PortHolderLookup.system(), Duration.ofSeconds(20), Locale.ENGLISH, Optional.empty(), Optional.empty()),
            new NoCredentials(), new Ignored());

    @AfterEach
    void close() {
        controller.close();
    }

    @Test
    void theAttemptLimitFollowsThePreference() throws Exception {
        Profile profile = profile();
        assertThat(controller.options(profile).maxAttempts()).as("before any preference: keep trying").isZero();
        controller.useReconnect(new ConnectionController.Reconnect(false, 10));
        assertThat(controller.options(profile).maxAttempts()).isEqualTo(1);
        controller.useReconnect(new ConnectionController.Reconnect(true, 7));
        ConnectOptions options = controller.options(profile);
        assertThat(options.maxAttempts()).isEqualTo(7);
        assertThat(options.roundTripProbe()).isEqualTo(ConnectionController.ROUND_TRIP_EVERY);
        assertThatThrownBy(() -> new ConnectionController.Reconnect(true, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachConnectionAsksForItsTunWithTheGuardSetAtThatMoment() throws Exception {
        Profile profile = profile();
        controller.options(profile);
        controller.useIpv6LeakGuard(Ipv6LeakGuard.ALWAYS);
        controller.options(profile);
        controller.useIpv6LeakGuard(Ipv6LeakGuard.NEVER);
        controller.options(profile);
        assertThat(guards).containsExactly(Ipv6LeakGuard.AUTO, Ipv6LeakGuard.ALWAYS, Ipv6LeakGuard.NEVER);
        assertThatThrownBy(() -> controller.useIpv6LeakGuard(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withReconnectOffALostConnectionEndsInsteadOfRetrying() {
        RecordingEngine engine = new RecordingEngine();
        controller.useReconnect(new ConnectionController.Reconnect(false, 10));

        assertThat(controller.translate(engine, new ConnectionEvent.AttemptFailed("link lost", true)))
                .contains(new ConnectionEvent.AttemptFailed("link lost", false));
        assertThat(engine.disconnects.get()).isEqualTo(1);
        assertThat(controller.translate(engine,
                new ConnectionEvent.StateChanged(ConnectionState.RECONNECTING, "retrying"))).isEmpty();
        assertThat(controller.translate(engine, new ConnectionEvent.Disconnected("disconnected", false)))
                .contains(new ConnectionEvent.Disconnected("link lost", ConnectionEvent.Ending.FAILED));
    }

    @Test
    void withReconnectOnTheEventsPassUnchanged() {
        RecordingEngine engine = new RecordingEngine();
        controller.useReconnect(new ConnectionController.Reconnect(true, 0));
        ConnectionEvent retry = new ConnectionEvent.AttemptFailed("link lost", true);
        assertThat(controller.translate(engine, retry)).contains(retry);
        assertThat(engine.disconnects.get()).isZero();
    }

    private static Profile profile() throws Exception {
        return ProfileParser.standard().parse("aws-mutual", Files.readAllBytes(FIXTURE),
                ReferencedFiles.inFolder(FIXTURE.getParent())).profile().orElseThrow();
    }

    /** Counts disconnect calls; nothing else is asked of it here. */
    private static final class RecordingEngine implements VpnClient {
        final AtomicInteger disconnects = new AtomicInteger();

        @Override
        public void connect(String profileName, Profile profile, ConnectOptions options) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void disconnect() {
            disconnects.incrementAndGet();
        }

        @Override
        public ConnectionState state() {
            return ConnectionState.CONNECTED;
        }

        @Override
        public TunnelStatistics statistics() {
            return TunnelStatistics.empty();
        }

        @Override
        public void addListener(Consumer<ConnectionEvent> listener) { }

        @Override
        public void close() { }
    }

    private static final class NoCredentials implements dev.corridor.auth.CredentialsSource {
        @Override
        public Optional<dev.corridor.auth.Credentials> credentials(String profileName,
                Optional<dev.corridor.profile.StaticChallenge> challenge, boolean retry) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> challengeResponse(String text, boolean echo) {
            return Optional.empty();
        }
    }

    private static final class Ignored implements ConnectionController.Listener {
        @Override
        public void event(ConnectionEvent event) { }

        @Override
        public void sample(TunnelStatistics statistics, Instant at) { }

        @Override
        public void failure(Function<Texts, String> sentence) { }

        @Override
        public void browserOpened(String url, boolean opened) { }
    }
}

package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.config.EndpointConfigFile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EndpointServer#atFirstClient}: runs once, for the first session a client's hard reset opens,
 * before the server answers it; packets that open nothing do not count.
 */
@Timeout(60)
class EndpointServerFirstClientTest {
    @TempDir
    Path temp;

    @Test
    void runsOnceWhenTheFirstHardResetOpensASessionAndNotForDroppedPackets() throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), InitOptions.defaults());
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger replaced = new AtomicInteger();
        try (EndpointServer server = new EndpointServer(EndpointConfigFile.read(init.endpointConfig()),
                init.endpointConfig().getParent(), InetAddress.getByName("127.0.0.1"), Optional.of(0),
                Clock.systemUTC(), new SecureRandom(), line -> { })) {
            server.atFirstClient(replaced::incrementAndGet);
            server.atFirstClient(ran::incrementAndGet); // replaces the one before
            server.start();
            try (RawPeer first = new RawPeer("127.0.0.2", server.localAddress());
                    RawPeer second = new RawPeer("127.0.0.3", server.localAddress())) {
                byte[] reset = RawPeer.hardReset(0x1111);
                first.send(Arrays.copyOf(reset, reset.length - 1)); // cut short: dropped, opens nothing
                first.send(new byte[] {1, 2, 3});
                assertThat(first.datagramsWithin(300)).isZero();
                assertThat(ran).hasValue(0);

                first.send(reset);
                // the action runs on the event loop before the reset is answered
                assertThat(first.answeredResets(1, 10_000)).containsExactly(0x1111L);
                assertThat(ran).hasValue(1);

                second.send(RawPeer.hardReset(0x2222));
                assertThat(second.answeredResets(1, 10_000)).containsExactly(0x2222L);
                assertThat(ran).hasValue(1);
                assertThat(replaced).hasValue(0);
            }
        }
    }

    @Test
    void refusesNoAction() throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), InitOptions.defaults());
        try (EndpointServer server = new EndpointServer(EndpointConfigFile.read(init.endpointConfig()),
                init.endpointConfig().getParent(), InetAddress.getByName("127.0.0.1"), Optional.of(0),
                Clock.systemUTC(), new SecureRandom(), line -> { })) {
            assertThatThrownBy(() -> server.atFirstClient(null)).isInstanceOf(NullPointerException.class);
        }
    }
}

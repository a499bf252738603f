package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guard that keeps native handles alive until the calls using them have returned. */
class InFlightGuardTest {
    @Test
    void callsAreRefusedOnceClosing() {
        InFlightGuard guard = new InFlightGuard();
        assertThat(guard.enter()).isTrue();
        guard.leave();
        assertThat(guard.beginClose()).isTrue();
        assertThat(guard.beginClose()).as("only the first closer frees").isFalse();
        assertThat(guard.enter()).isFalse();
        assertThat(guard.awaitIdle(0)).isTrue();
    }

    @Test
    void closingWaitsForACallInFlight() throws Exception {
        InFlightGuard guard = new InFlightGuard();
        assertThat(guard.enter()).isTrue();
        guard.beginClose();
        assertThat(guard.awaitIdle(50)).as("the call has not left").isFalse();
        CompletableFuture<Boolean> closer = CompletableFuture.supplyAsync(() -> guard.awaitIdle(5_000));
        Thread.sleep(50);
        assertThat(closer).isNotDone();
        guard.leave();
        assertThat(closer.get(2, TimeUnit.SECONDS)).isTrue();
    }
}

package dev.corridor.ui.manage;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers for the TestFX tests: read state on the JavaFX thread, wait for background work. */
final class Fx {
    private Fx() {}

    /** The value of {@code read}, evaluated on the JavaFX thread. */
    static <T> T on(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading on the JavaFX thread failed", e);
        }
    }

    /** Waits (up to 10 s) until {@code condition}, evaluated on the JavaFX thread, holds. */
    static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> on(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("the condition did not come true within 10 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A profile fixture from the test resources. */
    static Path fixture(String kind, String name) {
        try {
            return Path.of(Fx.class.getResource("/profiles/" + kind + "/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

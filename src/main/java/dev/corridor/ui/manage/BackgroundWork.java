package dev.corridor.ui.manage;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs disk work off the JavaFX thread and hands the outcome back to it.
 *
 * <pre>
 *   FX thread ── run(work) ──► executor thread: work.call()
 *   FX thread ◄── Platform.runLater(onSuccess(result) | onFailure(exception))
 * </pre>
 */
public final class BackgroundWork {
    private final Executor executor;

    /** Work runs on {@code executor}, which must not be the JavaFX thread. */
    public BackgroundWork(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** A single daemon thread named {@code corridor-ui-disk}, for windows that have no executor of their own. */
    public static BackgroundWork singleThread() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "corridor-ui-disk");
            thread.setDaemon(true);
            return thread;
        });
        return new BackgroundWork(executor);
    }

    /** Runs {@code work} in the background; exactly one of the callbacks then runs on the JavaFX thread. */
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        executor.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                Platform.runLater(() -> onFailure.accept(e));
                return;
            }
            Platform.runLater(() -> onSuccess.accept(result));
        });
    }
}

package dev.corridor.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Runs a piece of UI work on the JavaFX thread and waits for its result, for threads that must block (the engine asking for a password). */
final class FxThread {
    private FxThread() {}

    /** Runs {@code body} on the FX thread (directly when already there) and returns its result. */
    static <T> T call(Supplier<T> body) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            return body.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(body.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a dialog failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}

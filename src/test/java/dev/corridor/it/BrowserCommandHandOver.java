package dev.corridor.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code --browser-command} for {@code corridor check} that opens no browser but hands the
 * sign-in URL to the test through a file, so the test can open it in the headless Chromium it drives.
 *
 * <pre>
 * corridor check ─ sh hand-over.sh URLFILE &lt;IdP URL&gt; ─► URLFILE ─► test: awaitUrl ─► Page.navigate
 * </pre>
 */
final class BrowserCommandHandOver {
    private static final String SCRIPT = """
            #!/bin/sh
            # The browser command: $1 the file the test watches, $2 the IdP URL (appended by corridor).
            printf '%s\\n' "$2" > "$1.part" && mv "$1.part" "$1"
            """;

    private final Path urlFile;
    private final Path script;

    private BrowserCommandHandOver(Path urlFile, Path script) {
        this.urlFile = urlFile;
        this.script = script;
    }

    /** Writes the script into {@code folder}; the URL will arrive in {@code folder/sign-in.url}. */
    static BrowserCommandHandOver in(Path folder) throws Exception {
        Path script = folder.resolve("hand-over.sh");
        Files.writeString(script, SCRIPT);
        return new BrowserCommandHandOver(folder.resolve("sign-in.url"), script);
    }

    /** The value for {@code --browser-command}. */
    String command() {
        return "sh " + script + " " + urlFile;
    }

    /** Waits for the browser command to write the IdP URL; fails early when check has already stopped. */
    String awaitUrl(Process check, Path checkStderr, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(urlFile)) {
            if (!check.isAlive()) {
                throw new AssertionError("corridor check stopped (exit " + check.exitValue()
                        + ") before opening the browser: " + Files.readString(checkStderr));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("corridor check opened no browser within " + timeout.toSeconds() + " s: "
                        + Files.readString(checkStderr));
            }
            Thread.sleep(50);
        }
        return Files.readString(urlFile).strip();
    }
}

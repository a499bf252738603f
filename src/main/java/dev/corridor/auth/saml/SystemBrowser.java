package dev.corridor.auth.saml;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The user's default browser: the desktop's browse action when there is a desktop, otherwise the
 * platform's opener ({@code xdg-open} on Linux and BSD, {@code open} on macOS,
 * {@code rundll32 url.dll,FileProtocolHandler} on Windows) when it is on the PATH.
 */
public record SystemBrowser() implements BrowserLauncher {

    @Override
    public boolean open(String url) {
        if (browseWithDesktop(url)) {
            return true;
        }
        Optional<List<String>> opener = opener();
        if (opener.isEmpty()) {
            return false;
        }
        return new CommandBrowser(opener.get()).open(url);
    }

    private static boolean browseWithDesktop(String url) {
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) {
                return false;
            }
            Desktop desktop = Desktop.getDesktop();
            if (!desktop.isSupported(Desktop.Action.BROWSE)) {
                return false;
            }
            desktop.browse(URI.create(url));
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            return false; // no AWT, no display, or the desktop refused: fall back to a command
        }
    }

    /** The platform's URL opener command, when one is installed. */
    static Optional<List<String>> opener() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return Optional.of(List.of("rundll32", "url.dll,FileProtocolHandler"));
        }
        String program = os.contains("mac") ? "open" : "xdg-open";
        return onPath(program) ? Optional.of(List.of(program)) : Optional.empty();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}

package dev.corridor.cli.demo;

import dev.corridor.ui.DesktopWindow;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The demo's default front end: the desktop window, with the certificate profile selected and the
 * demo's users and codes shown at its top.
 *
 * <p>With the virtual network the window connects with the in-memory TUN, as {@code corridor check}
 * does, and the machine's network is never changed; in the root demo's namespace lab it opens a real
 * TUN device ({@code realTunnel}), as {@code corridor connect} does.
 */
public final class WindowFrontEnd implements DemoFrontEnd {
    private final Supplier<Optional<String>> whyNoWindow;

    /** The window of this process ({@link DesktopWindow#whyNoWindow} decides whether one can open). */
    public WindowFrontEnd() {
        this(DesktopWindow::whyNoWindow);
    }

    /** A window front end whose display check is {@code whyNoWindow} (tests: a machine without display). */
    public WindowFrontEnd(Supplier<Optional<String>> whyNoWindow) {
        this.whyNoWindow = Objects.requireNonNull(whyNoWindow, "whyNoWindow");
    }

    @Override
    public Optional<String> unavailable() {
        return whyNoWindow.get().map(why -> "cannot open the window (" + why + "); run `corridor demo --no-window`"
                + " to use the demo from the terminal");
    }

    @Override
    public int show(DemoEnvironment environment) throws DemoException {
        return DesktopWindow.run(new DesktopWindow.Options(
                Optional.of(environment.endpoint(DemoMode.CERTIFICATE).profileName()),
                Optional.of(DemoInfo.notice(environment.network())),
                environment.network() instanceof DemoNetwork.Namespaces));
    }
}

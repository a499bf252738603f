package dev.corridor.cli.demo;

import java.util.Optional;

/**
 * The demo's default front end: the desktop window with the demo profiles.
 *
 * <p>INTEGRATION POINT. The window is built on another branch; once {@code dev.corridor.ui.DesktopWindow}
 * exists, {@link #show} becomes:
 *
 * <pre>
 *   return dev.corridor.ui.DesktopWindow.run(new dev.corridor.ui.DesktopWindow.Options(
 *           Optional.of(environment.endpoint(DemoMode.CERTIFICATE).profileName()),
 *           Optional.of(DemoInfo.notice()), false));
 * </pre>
 *
 * and {@link #unavailable} returns empty (or says when there is no display). {@code realTunnel} stays
 * false: the demo's endpoints use the virtual network, so the window connects with the in-memory TUN,
 * as {@code corridor check} does. Until then both methods refuse honestly, before anything starts.
 */
public final class WindowFrontEnd implements DemoFrontEnd {
    /** The message of a build without the desktop window. */
    public static final String UNAVAILABLE = "the desktop window is not available in this build;"
            + " run `corridor demo --no-window` to use the demo from the terminal";

    @Override
    public Optional<String> unavailable() {
        return Optional.of(UNAVAILABLE);
    }

    @Override
    public int show(DemoEnvironment environment) throws DemoException {
        throw new DemoException(UNAVAILABLE);
    }
}

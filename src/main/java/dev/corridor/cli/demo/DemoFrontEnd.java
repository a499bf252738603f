package dev.corridor.cli.demo;

import java.util.Optional;

/**
 * What {@code corridor demo} shows while its endpoints run: the desktop window, or the terminal.
 * {@link #show} returns when the user is done; the demo then stops everything it started.
 */
public interface DemoFrontEnd {
    /**
     * Why this front end cannot run here, asked before the demo starts anything (e.g. no desktop
     * window in this build, no display); empty when it can.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /**
     * Shows the running demo until the user closes it.
     *
     * @return the process exit code
     * @throws DemoException when this front end cannot run here (e.g. no desktop window in this build)
     */
    int show(DemoEnvironment environment) throws DemoException;
}

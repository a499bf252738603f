package dev.corridor.auth.saml;

/**
 * Opens the IdP sign-in URL in a browser: the user's own command ({@link CommandBrowser}) or the
 * system's default browser ({@link SystemBrowser}).
 */
public sealed interface BrowserLauncher permits CommandBrowser, SystemBrowser {

    /**
     * Starts a browser on {@code url} without waiting for it; false when no browser could be
     * started, so the caller prints the URL for the user to open by hand.
     */
    boolean open(String url);
}

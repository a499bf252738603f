package dev.corridor.client;

import dev.corridor.auth.saml.AcsSettings;
import dev.corridor.auth.saml.BrowserLauncher;
import dev.corridor.auth.saml.Crv1Password;
import dev.corridor.auth.saml.SystemBrowser;
import java.util.Objects;

/**
 * How an {@code auth-federate} profile signs in through the browser.
 *
 * @param acs      where the ACS listener binds and how long it waits (port 35001, 5 minutes by default)
 * @param browser  what opens the IdP URL: the system's browser or the user's {@code --browser-command}
 * @param encoding how the SAMLResponse goes into {@code CRV1::<state>::<response>} (RFC 3986 by default)
 */
public record SamlSignInOptions(AcsSettings acs, BrowserLauncher browser, Crv1Password.Encoding encoding) {
    public SamlSignInOptions {
        Objects.requireNonNull(acs, "acs");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(encoding, "encoding");
    }

    /** Port 35001, five minutes, the default browser, percent-encoding. */
    public static SamlSignInOptions defaults() {
        return new SamlSignInOptions(AcsSettings.defaults(), new SystemBrowser(), Crv1Password.Encoding.PERCENT);
    }

    public SamlSignInOptions withBrowser(BrowserLauncher newBrowser) {
        return new SamlSignInOptions(acs, newBrowser, encoding);
    }

    public SamlSignInOptions withAcs(AcsSettings newAcs) {
        return new SamlSignInOptions(newAcs, browser, encoding);
    }
}

package dev.corridor.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.time.Clock;
import java.time.Duration;

/**
 * The test IdP's login page as a browser user sees it: wait for the form in a Chromium tab, fill
 * in username, password and (for MFA users) the current TOTP code, and submit.
 */
final class TestIdpLoginPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestIdpLoginPage() {}

    /** Waits for the login form in {@code tab} and signs {@code user} in. */
    static void signIn(ChromiumTab tab, TestUserCredentials user, Duration timeout) throws Exception {
        tab.waitFor("document.querySelector('input[name=username]') !== null ? 'form' : ''", "form"::equals,
                timeout, "the test IdP's login page");
        String code = user.totpSecret().map(secret -> new Totp(Base32.decode(secret).orElseThrow())
                .code(Clock.systemUTC().instant())).orElse("");
        tab.evaluate("(() => { const f = document.forms[0];"
                + " f.elements['username'].value = " + JSON.writeValueAsString(user.username()) + ";"
                + " f.elements['password'].value = " + JSON.writeValueAsString(user.password().orElseThrow()) + ";"
                + " f.elements['code'].value = " + JSON.writeValueAsString(code) + ";"
                + " f.querySelector('button[type=submit]').click(); return 'submitted'; })()");
    }
}

package dev.corridor.archfixture.auth.saml;

import dev.corridor.archfixture.auth.FixtureCredentials;
import io.undertow.Undertow;

/** Compliant: the SAML ACS listener is one of the rooms allowed to use Undertow. */
public final class UndertowAcsListener {
    private final FixtureCredentials forUser;

    public UndertowAcsListener(FixtureCredentials forUser) {
        this.forUser = forUser;
    }

    public Undertow listen(int port) {
        return Undertow.builder().addHttpListener(port, "127.0.0.1").build();
    }

    public FixtureCredentials forUser() {
        return forUser;
    }
}

package dev.corridor.archfixture.server.idp;

import io.undertow.Undertow;

/** Compliant: the test IdP is one of the rooms allowed to use Undertow. */
public final class UndertowIdp {
    public Undertow serve(int port) {
        return Undertow.builder().addHttpListener(port, "127.0.0.1").build();
    }
}

package dev.corridor.archfixture.server.portal;

import io.undertow.server.HttpHandler;

/** Compliant: the self-service portal is one of the rooms allowed to use Undertow. */
public final class UndertowPortal {
    public HttpHandler page() {
        return exchange -> exchange.getResponseSender().send("portal");
    }
}

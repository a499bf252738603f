package dev.corridor.archfixture.cli;

import io.undertow.Undertow;

/** Breaks undertow-only-in-http-rooms: an Undertow server started from the CLI. */
public final class UndertowInCli {
    public Undertow serve() {
        return Undertow.builder().addHttpListener(8080, "127.0.0.1").build();
    }
}

package dev.corridor.archfixture.client;

import org.xnio.OptionMap;

/** Breaks undertow-only-in-http-rooms: Undertow's XNIO layer used by the client engine. */
public final class XnioInClient {
    public OptionMap options() {
        return OptionMap.EMPTY;
    }
}

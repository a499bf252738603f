package dev.corridor.archfixture.protocol.message;

import dev.corridor.archfixture.auth.saml.UndertowAcsListener;

/** Breaks protocol-stands-alone: the protocol talks to the SAML ACS listener. */
public final class SamlInProtocol {
    private UndertowAcsListener listener;

    public boolean waiting() {
        return listener != null;
    }
}

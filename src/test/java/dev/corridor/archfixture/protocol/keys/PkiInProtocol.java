package dev.corridor.archfixture.protocol.keys;

import dev.corridor.archfixture.pki.FixtureCa;

/** Breaks protocol-stands-alone: the protocol reaches into pki. */
public final class PkiInProtocol {
    public FixtureCa ca() {
        return new FixtureCa();
    }
}

package dev.corridor.archfixture.protocol.message;

import dev.corridor.archfixture.auth.CycleCrv1Response;

/** Breaks no-cycles-between-rooms together with auth.CycleCrv1Response: protocol and auth use each other. */
public final class CycleCrv1Message {
    public CycleCrv1Response answer() {
        return new CycleCrv1Response();
    }
}

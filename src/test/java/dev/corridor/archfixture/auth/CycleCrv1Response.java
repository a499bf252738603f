package dev.corridor.archfixture.auth;

import dev.corridor.archfixture.protocol.message.CycleCrv1Message;

/** Breaks no-cycles-between-rooms together with protocol.message.CycleCrv1Message: auth and protocol use each other. */
public final class CycleCrv1Response {
    public CycleCrv1Message challenge() {
        return new CycleCrv1Message();
    }
}

package dev.corridor.profile;

import java.util.OptionalInt;

/**
 * How the client walks through its remotes and retries: order, host-name randomisation and timers.
 *
 * @param random                  {@code remote-random}: shuffle the remotes once per start
 * @param randomHostname          {@code remote-random-hostname}: prefix 12 random hex digits before resolving
 * @param connectRetrySeconds     first wait between attempts ({@code connect-retry}, default 1)
 * @param connectRetryMaxSeconds  longest wait between attempts (default 300)
 * @param connectRetryMax         give up after this many attempts per remote ({@code connect-retry-max});
 *                                empty means retry forever
 * @param serverPollTimeoutSeconds wait for a TCP connect or a first UDP answer (default 120)
 * @param resolvRetrySeconds      how long to retry name resolution; empty means forever ({@code infinite})
 */
public record RemoteSelection(boolean random, boolean randomHostname, int connectRetrySeconds,
        int connectRetryMaxSeconds, OptionalInt connectRetryMax, int serverPollTimeoutSeconds,
        OptionalInt resolvRetrySeconds) {}

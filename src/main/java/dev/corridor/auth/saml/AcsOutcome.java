package dev.corridor.auth.saml;

import java.util.Objects;

/** How waiting for the browser's POST to the ACS listener ended. */
public sealed interface AcsOutcome permits AcsOutcome.Received, AcsOutcome.TimedOut, AcsOutcome.Cancelled {

    /** The browser posted a SAMLResponse. */
    record Received(SamlResponse response) implements AcsOutcome {
        public Received {
            Objects.requireNonNull(response, "response");
        }
    }

    /** Nothing arrived within the configured time. */
    record TimedOut(java.time.Duration waited) implements AcsOutcome {}

    /** {@link AcsListener#cancel} was called (the user gave up or disconnected). */
    record Cancelled() implements AcsOutcome {}
}

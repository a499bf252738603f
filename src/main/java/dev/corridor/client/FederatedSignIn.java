package dev.corridor.client;

import dev.corridor.auth.saml.AcsListener;
import dev.corridor.auth.saml.AcsOutcome;
import dev.corridor.auth.saml.Crv1Password;
import dev.corridor.auth.saml.PortBusyException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser part of an {@code auth-federate} sign-in: binds the ACS listener before the first
 * connection, opens the IdP URL from the CRV1 challenge, waits for the SAMLResponse, and turns it
 * into the answer for the second connection.
 *
 * <pre>
 *   bind() ─► "ACS::&lt;port&gt;" (listener up)      busy port ─► PortBusyException
 *   await(url) ─► BrowserSignIn event, browser opened (or not) ─► listener wait ─► listener closed
 *        Received ─► Answered(encoded response)   TimedOut ─► TimedOut   cancel() ─► Cancelled
 * </pre>
 */
final class FederatedSignIn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FederatedSignIn.class);

    /** How one wait for the browser ended. */
    sealed interface Result {
        /** The SAMLResponse, encoded for {@code CRV1::<state>::<here>}; a secret. */
        record Answered(String encodedResponse) implements Result {
            @Override
            public String toString() {
                return "Answered[redacted]";
            }
        }

        /** The browser sign-in did not arrive in time. */
        record TimedOut(java.time.Duration waited) implements Result {}

        /** The wait was cancelled (disconnect). */
        record Cancelled() implements Result {}
    }

    private final SamlSignInOptions options;
    private volatile AcsListener listener;
    private volatile boolean cancelled;

    FederatedSignIn(SamlSignInOptions options) {
        this.options = options;
    }

    /** Binds the ACS listener unless it is bound; returns the first connection's password {@code ACS::<port>}. */
    synchronized String bind() throws PortBusyException {
        if (listener == null) {
            listener = AcsListener.start(options.acs());
            LOG.info("SAML ACS listener on {}", listener.url());
            if (cancelled) {
                listener.cancel();
            }
        }
        return "ACS::" + listener.port();
    }

    /** Opens {@code url} in the browser and waits for the SAMLResponse; the listener is closed afterwards. */
    Result await(String url, Consumer<ConnectionEvent> events) throws PortBusyException, InterruptedException {
        bind();
        AcsListener acs = listener;
        try {
            boolean opened = options.browser().open(url);
            if (!opened) {
                LOG.warn("no browser could be started; open the sign-in URL by hand");
            }
            events.accept(new ConnectionEvent.BrowserSignIn(url, opened));
            AcsOutcome outcome = acs.await();
            if (outcome instanceof AcsOutcome.Received received) {
                return new Result.Answered(Crv1Password.encodeResponse(received.response(), options.encoding()));
            }
            if (outcome instanceof AcsOutcome.TimedOut timedOut) {
                return new Result.TimedOut(timedOut.waited());
            }
            return new Result.Cancelled();
        } finally {
            release();
        }
    }

    /** Ends a wait in progress (or the next one) with {@link Result.Cancelled}; safe from any thread. */
    void cancel() {
        cancelled = true;
        AcsListener acs = listener;
        if (acs != null) {
            acs.cancel();
        }
    }

    private synchronized void release() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    @Override
    public void close() {
        release();
    }
}

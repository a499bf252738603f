package dev.corridor.server;

import java.util.List;
import java.util.Objects;

/** What the server decided about a client's credentials. */
public sealed interface ClientVerdict {

    /**
     * The client may connect.
     *
     * @param identity the name the server logs: the username, else the certificate's common name
     * @param groups   the user's groups for authorization rules (none with certificates only)
     */
    record Admitted(String identity, List<String> groups) implements ClientVerdict {
        public Admitted {
            Objects.requireNonNull(identity, "identity");
            groups = List.copyOf(groups);
        }
    }

    /**
     * The client is refused.
     *
     * @param clientMessage what AUTH_FAILED tells the client
     * @param logReason     the detailed reason, for the server's log only
     */
    record Refused(String clientMessage, String logReason) implements ClientVerdict {
        public Refused {
            Objects.requireNonNull(clientMessage, "clientMessage");
            Objects.requireNonNull(logReason, "logReason");
        }

        /**
         * True when the refusal is a CRV1 challenge ({@code AUTH_FAILED,CRV1:...}: the first step of a
         * SAML sign-in or a dynamic challenge) rather than a failed sign-in; it is not counted as one.
         */
        public boolean challenge() {
            return clientMessage.startsWith("CRV1:");
        }
    }
}

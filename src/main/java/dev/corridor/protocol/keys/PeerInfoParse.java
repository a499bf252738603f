package dev.corridor.protocol.keys;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link PeerInfo#parse(String)}: the variables (with notes on skipped lines), or a refusal. */
public sealed interface PeerInfoParse permits PeerInfoParse.Ok, PeerInfoParse.Malformed {

    /**
     * The text parsed.
     *
     * @param peerInfo the variables that were well formed
     * @param warnings one note per line that was skipped or overrode an earlier one
     */
    record Ok(PeerInfo peerInfo, List<String> warnings) implements PeerInfoParse {
        public Ok {
            Objects.requireNonNull(peerInfo, "peerInfo");
            warnings = List.copyOf(warnings);
        }
    }

    /** The whole text was refused (control characters, too large). */
    record Malformed(String reason) implements PeerInfoParse {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

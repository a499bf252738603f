package dev.corridor.profile;

import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated client profile: an immutable value with everything needed to connect.
 *
 * @param remotes        servers in the order they are tried
 * @param remoteSelection how remotes are chosen and retried
 * @param tls            certificates, keys, control-channel wrapping and server checks
 * @param authentication how the user authenticates
 * @param dataChannel    data-channel choices
 * @param timers         keepalive and lifetime timers
 * @param routing        routes, DNS options and pull filters set by the profile
 * @param verb           log verbosity 0..11
 * @param directives     every accepted directive in file order, for later features and diagnostics
 */
public record Profile(List<Remote> remotes, RemoteSelection remoteSelection, TlsSettings tls,
        Authentication authentication, DataChannelSettings dataChannel, Timers timers, Routing routing, int verb,
        List<Directive> directives) {
    public Profile {
        remotes = List.copyOf(remotes);
        Objects.requireNonNull(remoteSelection, "remoteSelection");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(dataChannel, "dataChannel");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(routing, "routing");
        directives = List.copyOf(directives);
        if (remotes.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one remote");
        }
    }
}

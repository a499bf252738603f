package dev.corridor.client;

import dev.corridor.auth.CredentialsSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one connection.
 *
 * @param credentials      where usernames, passwords and challenge answers come from
 * @param tun              the TUN device supplier
 * @param maxAttempts      give up after this many failed attempts; 0 means keep trying
 * @param attemptTimeout   one attempt (TCP connect or first answer, handshake, push) must finish within this
 * @param platformVersion  sent as IV_PLAT_VER (the OS release)
 * @param clock            wall clock (epoch milliseconds for tls-auth replay time, certificate validity)
 * @param random           randomness for keys, session ids and remote-random-hostname
 * @param saml             browser sign-in for {@code auth-federate} profiles
 * @param roundTripProbe   how often to measure the round trip to the tunnel gateway (an ICMP echo
 *                         through the tunnel, {@link TunnelStatistics#roundTrip()}); zero: never
 */
public record ConnectOptions(CredentialsSource credentials, TunProvider tun, int maxAttempts, Duration attemptTimeout,
        String platformVersion, Clock clock, SecureRandom random, SamlSignInOptions saml, Duration roundTripProbe) {
    public ConnectOptions {
        Objects.requireNonNull(saml, "saml");
        Objects.requireNonNull(roundTripProbe, "roundTripProbe");
        if (roundTripProbe.isNegative()) {
            throw new IllegalArgumentException("roundTripProbe must not be negative");
        }
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tun, "tun");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(platformVersion, "platformVersion");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
    }

    /** Options without the round-trip probe. */
    public ConnectOptions(CredentialsSource credentials, TunProvider tun, int maxAttempts, Duration attemptTimeout,
            String platformVersion, Clock clock, SecureRandom random, SamlSignInOptions saml) {
        this(credentials, tun, maxAttempts, attemptTimeout, platformVersion, clock, random, saml, Duration.ZERO);
    }

    /** Options with the default browser sign-in ({@link SamlSignInOptions#defaults}). */
    public ConnectOptions(CredentialsSource credentials, TunProvider tun, int maxAttempts, Duration attemptTimeout,
            String platformVersion, Clock clock, SecureRandom random) {
        this(credentials, tun, maxAttempts, attemptTimeout, platformVersion, clock, random,
                SamlSignInOptions.defaults());
    }

    /** The same options with another browser sign-in set-up. */
    public ConnectOptions withSaml(SamlSignInOptions newSaml) {
        return new ConnectOptions(credentials, tun, maxAttempts, attemptTimeout, platformVersion, clock, random, newSaml,
                roundTripProbe);
    }

    /** The same options measuring the round trip every {@code interval} (zero: never). */
    public ConnectOptions withRoundTripProbe(Duration interval) {
        return new ConnectOptions(credentials, tun, maxAttempts, attemptTimeout, platformVersion, clock, random, saml,
                interval);
    }
}

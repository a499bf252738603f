package dev.corridor.protocol.tls;

import dev.corridor.profile.TlsSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * A client TLS configuration read, checked and converted once, so that each new TLS session (the
 * first handshake, every renegotiation, every retry of the same connect) costs only its handshake:
 * reading the profile's PEM blocks, checking that the key belongs to the certificate and converting
 * it for BouncyCastle took milliseconds each time, on the path between the server's reset and the
 * ClientHello. A configuration that cannot be used fails each session with the reason, as
 * {@link TlsEndpoint#client(TlsSettings, char[], Clock, SecureRandom)} does.
 *
 * <p>Holds the parsed private key for as long as the caller keeps it: the owner of one connection
 * (which holds the profile's key text for the same time anyway), never a cache across connections.
 */
public final class PreparedTlsClient {
    private final TlsResult<TlsClientConfig> config;
    private final TlsResult<Optional<SigningKey>> key;

    private PreparedTlsClient(TlsResult<TlsClientConfig> config, TlsResult<Optional<SigningKey>> key) {
        this.config = config;
        this.key = key;
    }

    /**
     * Reads a profile's TLS settings once.
     *
     * @param passphrase decrypts an encrypted key; empty when there is none; not kept
     */
    public static PreparedTlsClient prepare(TlsSettings settings, char[] passphrase) {
        TlsResult<TlsClientConfig> config = TlsClientConfig.fromProfile(settings, passphrase);
        if (config instanceof TlsResult.Failed<TlsClientConfig> failed) {
            return new PreparedTlsClient(config, TlsResult.failed(failed.failure()));
        }
        return prepare(config.asOptional().orElseThrow());
    }

    /** Checks and converts a configuration's key once. */
    public static PreparedTlsClient prepare(TlsClientConfig config) {
        Objects.requireNonNull(config, "config");
        TlsResult<Optional<SigningKey>> key = TlsResult.ok(Optional.empty());
        if (config.trustedCas().isEmpty()) {
            key = TlsResult.failed(TlsFailure.Kind.BAD_CONFIGURATION,
                    "there is no CA certificate (<ca>) to check the server against");
        } else if (config.credentials().isPresent()) {
            TlsResult<SigningKey> converted = SigningKey.of(config.credentials().get(),
                    TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
            key = converted instanceof TlsResult.Failed<SigningKey> failed ? TlsResult.failed(failed.failure())
                    : TlsResult.ok(converted.asOptional());
        }
        return new PreparedTlsClient(TlsResult.ok(config), key);
    }

    /** Why every session of this configuration fails; empty when it is usable. */
    public Optional<TlsFailure> failure() {
        return config.failureIfAny().or(key::failureIfAny);
    }

    /** A client endpoint; its ClientHello is ready in {@link TlsEndpoint#drainCiphertext()}. */
    public TlsEndpoint newSession(Clock clock, SecureRandom random) {
        Optional<TlsFailure> failure = failure();
        if (failure.isPresent()) {
            return TlsEndpoint.failedClient(failure.get());
        }
        return TlsEndpoint.client(config.asOptional().orElseThrow(), key.asOptional().orElseThrow(), clock, random);
    }

    /** Whether the configuration is usable; never key material. */
    @Override
    public String toString() {
        return "PreparedTlsClient[" + failure().map(f -> "failed: " + f.kind()).orElse("ready") + "]";
    }
}

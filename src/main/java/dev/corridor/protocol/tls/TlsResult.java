package dev.corridor.protocol.tls;

import java.util.Objects;
import java.util.Optional;

/**
 * A value, or the {@link TlsFailure} that prevented it. Reading configuration and verifying
 * certificates return this instead of throwing.
 *
 * @param <T> the value on success
 */
public sealed interface TlsResult<T> permits TlsResult.Ok, TlsResult.Failed {

    /** It worked. */
    record Ok<T>(T value) implements TlsResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** It did not; {@code failure} says why. */
    record Failed<T>(TlsFailure failure) implements TlsResult<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static <T> TlsResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> TlsResult<T> failed(TlsFailure.Kind kind, String message) {
        return new Failed<>(new TlsFailure(kind, message));
    }

    static <T> TlsResult<T> failed(TlsFailure failure) {
        return new Failed<>(failure);
    }

    /** The value, or empty when this is a failure. */
    default Optional<T> asOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** The failure, or empty when this is a value. */
    default Optional<TlsFailure> failureIfAny() {
        return this instanceof Failed<T> failed ? Optional.of(failed.failure()) : Optional.empty();
    }
}

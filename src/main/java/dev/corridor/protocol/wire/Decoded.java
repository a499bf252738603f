package dev.corridor.protocol.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of decoding bytes from the network: the value, or the reason the bytes were refused.
 * Decoders return this instead of throwing, so that callers drop and count bad input.
 *
 * @param <T> what was decoded
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Malformed {

    /** The bytes decoded to {@code value}. */
    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The bytes were refused; {@code reason} says why in a short phrase for logs and counters. */
    record Malformed<T>(String reason) implements Decoded<T> {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> malformed(String reason) {
        return new Malformed<>(reason);
    }

    /** The decoded value, or empty when the bytes were refused. */
    default Optional<T> asOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }
}

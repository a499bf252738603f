package dev.corridor.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides when the window warns that the session's maximum duration is about to end: once, when
 * {@link #LEAD} or less is left (at once if the session is already that short at connect).
 *
 * <pre>
 *   watch(end) ──► ARMED ──due(now): end - now ≤ LEAD──► NOTIFIED (due() stays false)
 *      ▲                                                     │
 *      └── watch(a later end, more than LEAD past the old one: a new session) ◄┘
 *   watch(empty) / reset(): nothing to warn about
 * </pre>
 *
 * A reconnect with the auth-token keeps the session's deadline, so its end is (within a second or so)
 * the same and no second notice follows.
 */
final class SessionEndNotice {
    /** How long before the end the notice comes. */
    static final Duration LEAD = Duration.ofMinutes(5);

    private Optional<Instant> end = Optional.empty();
    private boolean notified;

    /** Follows the session end a (re)connection reported; empty when the server did not tell it. */
    void watch(Optional<Instant> newEnd) {
        if (newEnd.isPresent() && end.isPresent() && newEnd.get().isAfter(end.get().plus(LEAD))) {
            notified = false; // a later deadline: a new session (a reconnect without the auth-token)
        }
        end = newEnd;
    }

    /** Forgets the session: the next one that is watched may be warned about again. */
    void reset() {
        end = Optional.empty();
        notified = false;
    }

    /** True exactly once per session, at the first call with {@link #LEAD} or less left. */
    boolean due(Instant now) {
        if (notified || end.isEmpty() || Duration.between(now, end.get()).compareTo(LEAD) > 0) {
            return false;
        }
        notified = true;
        return true;
    }

    /** The session end being watched. */
    Optional<Instant> end() {
        return end;
    }
}

package dev.corridor.server.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's signed-in sessions, in memory: a random 256-bit id (the cookie value) per sign-in,
 * valid for {@link #LIFETIME}; expired sessions are forgotten when met and when new ones are made.
 */
public final class PortalSessions {
    /** How long a session lasts after sign-in. */
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final int MAX_SESSIONS = 10_000;

    /** @param user who signed in; @param expires when the session ends */
    public record Session(String user, Instant expires) {
        public Session {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(expires, "expires");
        }
    }

    private final Clock clock;
    private final SecureRandom random;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    public PortalSessions(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new session for {@code user}: its id. */
    public String create(String user) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expires()));
        if (sessions.size() >= MAX_SESSIONS) {
            throw new IllegalStateException("too many portal sessions; try again later");
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String value = HexFormat.of().formatHex(id);
        sessions.put(value, new Session(user, now.plus(LIFETIME)));
        return value;
    }

    /** The live session with id {@code id}, if any. */
    public Optional<Session> find(String id) {
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expires())) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }
}

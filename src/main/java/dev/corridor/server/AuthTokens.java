package dev.corridor.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session tokens the endpoint pushes with {@code auth-token}, so that renegotiations and quick
 * reconnects need no second password or MFA code.
 *
 * <pre>
 *   admitted by the directory ─► issue(user, groups, expiry) ─► "CTK1_" + base64url(32 random bytes)
 *   client's password starts with CTK1_ ─► lookup(user, password, now)
 *        ─► Valid(grant)        same user, not expired
 *        ─► Invalid             unknown, other user, or past the session's maximum duration
 * </pre>
 *
 * Only SHA-256 digests of tokens are kept, so the table leaks nothing usable in a heap dump, and a
 * lookup compares digests, not the secret itself. A token expires when the session that earned it
 * reaches the endpoint's maximum session duration: a reconnect then needs the full credentials.
 */
final class AuthTokens {
    /** Every token starts with this, so a stale token is told apart from a wrong password. */
    static final String PREFIX = "CTK1_";
    private static final int TOKEN_BYTES = 32;

    /** What a token stands for. */
    record Grant(String loginName, String username, List<String> groups, long expiresAtMillis) {
        Grant {
            Objects.requireNonNull(loginName, "loginName");
            Objects.requireNonNull(username, "username");
            groups = List.copyOf(groups);
        }
    }

    private final Map<String, Grant> byDigest = new ConcurrentHashMap<>();
    private final SecureRandom random;

    AuthTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** True when {@code password} has the shape of a token this endpoint hands out. */
    static boolean looksLikeToken(char[] password) {
        if (password.length <= PREFIX.length()) {
            return false;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            if (password[i] != PREFIX.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A new token for {@code username}, valid until {@code expiresAtMillis}. */
    String issue(String username, List<String> groups, long expiresAtMillis) {
        return issue(username, username, groups, expiresAtMillis);
    }

    /**
     * A new token for the identity {@code username} that the client presents with the login name it
     * signed in with ({@code N/A} for SAML, where AWS binds the token to that name).
     */
    String issue(String loginName, String username, List<String> groups, long expiresAtMillis) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byDigest.put(digest(token.toCharArray()), new Grant(loginName, username, groups, expiresAtMillis));
        return token;
    }

    /** The grant behind {@code token} when it was issued to login name {@code username} and has not expired. */
    Optional<Grant> lookup(String username, char[] token, long nowMillis) {
        Grant grant = byDigest.get(digest(token));
        if (grant == null || !grant.loginName().equals(username)) {
            return Optional.empty();
        }
        if (nowMillis >= grant.expiresAtMillis()) {
            byDigest.values().remove(grant);
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** Forgets every expired token. */
    void expire(long nowMillis) {
        byDigest.values().removeIf(grant -> nowMillis >= grant.expiresAtMillis());
    }

    /** Forgets {@code token}: its session was terminated or reached its maximum duration. */
    void revoke(String token) {
        byDigest.remove(digest(token.toCharArray()));
    }

    /** Tokens currently valid or not yet swept. */
    int size() {
        return byDigest.size();
    }

    private static String digest(char[] token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(token));
            sha.update(bytes);
            bytes.clear();
            while (bytes.hasRemaining()) {
                bytes.put((byte) 0);
            }
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

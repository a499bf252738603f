package dev.corridor.client;

import dev.corridor.auth.Credentials;
import dev.corridor.auth.StaticChallengeAnswer;
import dev.corridor.profile.StaticChallenge;
import dev.corridor.protocol.session.ClientControlSession;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What goes into the username and password fields of key-method 2 for one connection: the user's
 * credentials (with a static-challenge answer joined in), a pushed auth-token once the server gave
 * one, or a one-shot CRV1 answer. Secrets stay in char arrays and are wiped when replaced.
 */
final class SessionCredentials {
    /** A username and the password field to send. */
    record UserPass(String username, char[] password) {
        @Override
        public String toString() {
            return "UserPass[" + username + ", [redacted]]";
        }
    }

    private String username;
    private char[] password;
    private char[] authToken;
    private String tokenUser;
    private UserPass oneShot;

    /** Stores what the user typed; the static-challenge answer, if any, is joined into the password. */
    void set(Credentials credentials, Optional<StaticChallenge> challenge) {
        wipePassword();
        username = credentials.username();
        char[] typed = credentials.password();
        Optional<char[]> answer = credentials.challengeAnswer();
        if (challenge.isPresent() && answer.isPresent()) {
            password = StaticChallengeAnswer.combine(typed, answer.get(), challenge.get().format());
            Arrays.fill(typed, '\0');
            Arrays.fill(answer.get(), '\0');
        } else {
            password = typed;
        }
    }

    /** What the next connection will send, without taking it. */
    enum Pending { CHALLENGE_ANSWER, AUTH_TOKEN, PASSWORD, NOTHING }

    /**
     * An {@code auth-federate} sign-in starts: username {@code N/A} and the password
     * {@code ACS::<port>} (protocol.md §7.2 step 3); a pushed auth-token is bound to {@code N/A} too.
     */
    void setFederated(String acsPassword) {
        wipePassword();
        username = "N/A";
        password = acsPassword.toCharArray();
    }

    Pending pending() {
        if (oneShot != null) {
            return Pending.CHALLENGE_ANSWER;
        }
        if (authToken != null) {
            return Pending.AUTH_TOKEN;
        }
        return password != null ? Pending.PASSWORD : Pending.NOTHING;
    }

    /** The next connection answers a CRV1 challenge: {@code CRV1::<state>::<answer>}. */
    void answerChallenge(String challengeUsername, String stateId, char[] answer) {
        String prefix = "CRV1::" + stateId + "::";
        char[] field = new char[prefix.length() + answer.length];
        prefix.getChars(0, prefix.length(), field, 0);
        System.arraycopy(answer, 0, field, prefix.length(), answer.length);
        oneShot = new UserPass(challengeUsername.isEmpty() && username != null ? username : challengeUsername, field);
    }

    /** Uses the pushed auth-token as the password from now on (renegotiations and reconnects). */
    void useAuthToken(Optional<String> user, char[] token, ClientControlSession session) {
        if (authToken != null) {
            Arrays.fill(authToken, '\0');
        }
        authToken = token;
        tokenUser = user.orElse(username == null ? "" : username);
        session.setCredentials(tokenUser, authToken);
    }

    /** Forgets the auth-token (the server refused it or the session expired). */
    void clearAuthToken() {
        if (authToken != null) {
            Arrays.fill(authToken, '\0');
        }
        authToken = null;
        tokenUser = null;
    }

    /** Forgets the user's password (auth-nocache, or after a refusal when asking again). */
    void forgetPassword() {
        wipePassword();
        username = null;
    }

    boolean hasPassword() {
        return password != null || authToken != null || oneShot != null;
    }

    /** What to send on the next connection, if anything. */
    Optional<UserPass> current() {
        if (oneShot != null) {
            UserPass answer = oneShot;
            oneShot = null;
            return Optional.of(answer);
        }
        if (authToken != null) {
            return Optional.of(new UserPass(tokenUser, authToken.clone()));
        }
        if (password != null) {
            return Optional.of(new UserPass(username, password.clone()));
        }
        return Optional.empty();
    }

    static byte[] utf8(char[] chars) {
        return new String(chars).getBytes(StandardCharsets.UTF_8);
    }

    private void wipePassword() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        password = null;
    }

    void wipe() {
        wipePassword();
        clearAuthToken();
        if (oneShot != null) {
            Arrays.fill(oneShot.password(), '\0');
            oneShot = null;
        }
    }
}

package dev.corridor.logging;

import java.util.Arrays;

/**
 * Holds a password, token, key or challenge answer in memory so that printing or logging it by
 * accident shows {@code [redacted]}, never the value.
 *
 * <ul>
 *   <li>{@link #toString()} is always {@code [redacted]}, so a {@code Secret} passed to a log call
 *       or string concatenation cannot leak;</li>
 *   <li>{@link #reveal()} hands out a copy of the characters, for the one place that must send
 *       them (and should wipe the copy afterwards);</li>
 *   <li>{@link #clear()} (or {@link #close()}) overwrites the characters; a cleared secret can no
 *       longer be revealed.</li>
 * </ul>
 *
 * Apart from {@code clear()} a secret never changes. {@link #equals} compares contents in time
 * that does not depend on where they differ, and {@link #hashCode} is a constant, so neither
 * reveals anything about the value.
 */
public final class Secret implements AutoCloseable {
    private char[] value; // null once cleared

    private Secret(char[] value) {
        this.value = value;
    }

    /** A secret holding a copy of {@code chars}; the caller may wipe its own array afterwards. */
    public static Secret of(char[] chars) {
        return new Secret(chars.clone());
    }

    /** A secret holding the characters of {@code text}. */
    public static Secret of(String text) {
        return new Secret(text.toCharArray());
    }

    /** A copy of the characters; the caller should {@code Arrays.fill} it once it has been used. */
    public synchronized char[] reveal() {
        if (value == null) {
            throw new IllegalStateException("the secret has been cleared");
        }
        return value.clone();
    }

    /** True when the secret holds no characters (and has not been cleared). */
    public synchronized boolean isEmpty() {
        return value != null && value.length == 0;
    }

    /** True once {@link #clear()} has run. */
    public synchronized boolean isCleared() {
        return value == null;
    }

    /** Overwrites the characters and forgets them; later calls to {@link #reveal()} fail. */
    public synchronized void clear() {
        if (value != null) {
            Arrays.fill(value, '\0');
            value = null;
        }
    }

    /** Same as {@link #clear()}, so a secret can live in a try-with-resources block. */
    @Override
    public void close() {
        clear();
    }

    /** Equal when both hold the same characters; a cleared secret equals only itself. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Secret that)) {
            return false;
        }
        char[] mine = snapshot();
        char[] theirs = that.snapshot();
        try {
            if (mine == null || theirs == null || mine.length != theirs.length) {
                return false;
            }
            int difference = 0;
            for (int i = 0; i < mine.length; i++) {
                difference |= mine[i] ^ theirs[i];
            }
            return difference == 0;
        } finally {
            wipe(mine);
            wipe(theirs);
        }
    }

    /** A constant: a hash of the contents would let anyone who sees it test guesses offline. */
    @Override
    public int hashCode() {
        return 0x5ec2e7;
    }

    /** Always {@code [redacted]}. */
    @Override
    public String toString() {
        return SecretRedactor.MASK;
    }

    private synchronized char[] snapshot() {
        return value == null ? null : value.clone();
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}

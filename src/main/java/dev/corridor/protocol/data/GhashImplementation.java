package dev.corridor.protocol.data;

import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which {@link Ghash} this process uses, decided once when the class is first used: the JDK's
 * intrinsic ({@link JdkGhash}) when it can be reached and passes a known-answer self-test,
 * otherwise plain Java ({@link TableGhash}).
 *
 * <pre>
 *  JdkGhash.unavailableReason() empty? ──no──▶ PLAIN_JAVA  (reason kept for the log)
 *        │ yes
 *  self-test: GHASH of GCM test case 4 (H, 20-byte A, 60-byte C: partial blocks on both)
 *        │ right answer                          │ wrong answer or exception
 *        ▼                                       ▼
 *     JDK_INTRINSIC                          PLAIN_JAVA
 * </pre>
 */
enum GhashImplementation {
    /** The JDK's CLMUL-intrinsic GHASH, through method handles. */
    JDK_INTRINSIC("the JDK's GHASH intrinsic") {
        @Override
        Ghash create(byte[] subkey) {
            return new JdkGhash(subkey);
        }
    },
    /** Corridor's 8-bit-table GHASH in plain Java. */
    PLAIN_JAVA("GHASH in plain Java") {
        @Override
        Ghash create(byte[] subkey) {
            return new TableGhash(subkey);
        }
    };

    /** GCM specification test case 4 (McGrew and Viega): H, A, C and GHASH(H, A, C). */
    static final String SELF_TEST_H = "b83b533708bf535d0aa6e52980d53b78";
    static final String SELF_TEST_A = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    static final String SELF_TEST_C = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091";
    static final String SELF_TEST_GHASH = "698e57f70e6ecc7fd9463b7260a9ae5f";

    /** The implementation of this process. */
    static final GhashImplementation CHOSEN;
    /** Why {@link #CHOSEN} is not {@link #JDK_INTRINSIC}; empty when it is. */
    private static final String FALLBACK_REASON;

    static {
        Optional<String> unavailable = JdkGhash.unavailableReason();
        String reason = unavailable.isPresent()
                ? unavailable.get()
                : selfTestFailure(JDK_INTRINSIC::create, SELF_TEST_GHASH).orElse(null);
        CHOSEN = reason == null ? JDK_INTRINSIC : PLAIN_JAVA;
        FALLBACK_REASON = reason;
    }

    private final String description;

    GhashImplementation(String description) {
        this.description = description;
    }

    /** A GHASH for {@code subkey} (16 bytes, not kept). */
    abstract Ghash create(byte[] subkey);

    /** E.g. {@code the JDK's GHASH intrinsic}, or the plain-Java one with the reason it was chosen. */
    static String describeChoice() {
        return FALLBACK_REASON == null
                ? CHOSEN.description
                : CHOSEN.description + " (" + FALLBACK_REASON + ")";
    }

    /**
     * Runs the known-answer test on a GHASH made by {@code candidate}: empty when it answers
     * {@code expectedHex}, otherwise what went wrong. Also checks that {@code reset} starts afresh.
     */
    static Optional<String> selfTestFailure(Function<byte[], Ghash> candidate, String expectedHex) {
        try {
            Ghash ghash = candidate.apply(HexFormat.of().parseHex(SELF_TEST_H));
            byte[] a = HexFormat.of().parseHex(SELF_TEST_A);
            byte[] c = HexFormat.of().parseHex(SELF_TEST_C);
            String first = null;
            for (int round = 0; round < 2; round++) {
                ghash.reset();
                ghash.update(a, 0, a.length);
                ghash.update(c, 0, c.length);
                ghash.updateLengths(a.length, c.length);
                String answer = String.format("%016x%016x", ghash.hi(), ghash.lo());
                if (!answer.equals(expectedHex)) {
                    return Optional.of("self-test answered " + answer + " instead of " + expectedHex
                            + (first == null ? "" : " after a reset"));
                }
                first = answer;
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("self-test failed: " + e);
        }
    }
}

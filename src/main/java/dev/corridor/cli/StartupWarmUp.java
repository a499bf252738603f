package dev.corridor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.LoggerFactory;

/**
 * Starts, on a background thread, the one-time start-up work that {@code corridor connect} and
 * {@code corridor check} meet later on their main path, so that it overlaps with the command-line
 * parsing, the profile loading and the waits for the server instead of following them.
 *
 * <pre>
 *   main thread:     picocli model ─► profile, keys ─► resolve ─► TLS handshake ─► push ─► TUN, routes
 *   warm-up thread:  Logback (XML) ─► Jackson ─► BC TLS crypto, X25519 tables
 *                    (each first use on the main thread then finds the classes loaded and initialised)
 * </pre>
 *
 * <p>Nothing here changes what the commands do: the same classes are initialised either way, the JVM
 * guarantees one initialisation per class, and a failure here only costs time (the real use reports
 * it). Measured in docs/benchmarks.md, "Connect time".
 */
final class StartupWarmUp {
    /** The commands whose later path the warm-up covers; others (help, server, profile …) skip it. */
    private static final List<String> COMMANDS = List.of("connect", "check");

    private StartupWarmUp() {}

    /** Starts the warm-up when the command line runs {@code connect} or {@code check}; true when it did. */
    static boolean beginFor(String... args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return false;
        }
        Thread thread = new Thread(StartupWarmUp::run, "corridor-warm-up");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private static void run() {
        try {
            LoggerFactory.getILoggerFactory(); // Logback parses logback.xml; other threads get buffering loggers meanwhile
            ObjectMapper json = new ObjectMapper(); // the undo journal (and profiles, settings)
            json.writeValueAsBytes(json.readTree("{\"warm-up\":[1,\"a\",null]}"));
            new BcTlsCrypto(new SecureRandom()).createNonceGenerator(new byte[0]); // the TLS crypto classes
            X25519.precompute(); // the key share of every TLS 1.3 handshake
        } catch (Exception | LinkageError e) {
            // only lost time: the main path initialises the same classes and reports its own failures
        }
    }
}

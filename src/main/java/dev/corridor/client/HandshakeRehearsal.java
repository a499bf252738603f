package dev.corridor.client;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.protocol.keys.TlsEkmDerivation;
import dev.corridor.protocol.tls.ClientCertificatePolicy;
import dev.corridor.protocol.tls.KeyingMaterialExport;
import dev.corridor.protocol.tls.LocalCredentials;
import dev.corridor.protocol.tls.PreparedTlsClient;
import dev.corridor.protocol.tls.PreparedTlsServer;
import dev.corridor.protocol.tls.TlsClientConfig;
import dev.corridor.protocol.tls.TlsEndpoint;
import dev.corridor.protocol.tls.TlsServerConfig;
import dev.corridor.protocol.tls.TlsVersionRange;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rehearses the TLS handshake of a connect in memory, on a background thread, while a desktop app
 * that has just started waits for its user, so that the first real connect finds the handshake's code
 * loaded and compiled instead of running it cold in the interpreter (seconds on a busy two-core machine,
 * against tens of milliseconds once compiled; docs/benchmarks.md, "Warm connect").
 *
 * <pre>
 *   begin(n):  throwaway CA, server and client certificates (RSA-2048, as `corridor server init` makes)
 *              ─► up to n handshakes client ⇄ server, byte arrays handed across in this thread, through the
 *                 same PreparedTlsClient / PreparedTlsServer / TlsEndpoint code as a connect, TLS 1.3 with
 *                 X25519, certificate checks both ways, a key-method-sized message, keying-material export
 *              ─► ends after n, or at stop() (the user pressed Connect: the real handshake gets the cores)
 * </pre>
 *
 * <p>Nothing leaves the process: no socket, no file, no log line with key material; the throwaway keys
 * live in this thread's memory only and trust nothing outside it. A failure only loses the head start
 * (it is logged at debug level); the real connect reports its own.
 */
public final class HandshakeRehearsal {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeRehearsal.class);
    /** Enough for the JIT to compile the hot handshake paths (docs/benchmarks.md); about 1–2 s of one core. */
    public static final int DEFAULT_HANDSHAKES = 60;
    private static final int MAX_ROUNDS = 20;

    private final int handshakes;
    private final Clock clock;
    private final SecureRandom random;
    private final AtomicInteger completed = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopped;

    private HandshakeRehearsal(int handshakes, Clock clock, SecureRandom random) {
        this.handshakes = handshakes;
        this.clock = clock;
        this.random = random;
    }

    /** Starts {@code handshakes} rehearsals on a daemon thread of the lowest priority. */
    public static HandshakeRehearsal begin(int handshakes, Clock clock, SecureRandom random) {
        if (handshakes < 1) {
            throw new IllegalArgumentException("rehearse at least one handshake, not " + handshakes);
        }
        HandshakeRehearsal rehearsal = new HandshakeRehearsal(handshakes, clock, random);
        Thread thread = new Thread(rehearsal::run, "corridor-handshake-rehearsal");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return rehearsal;
    }

    /** Ends the rehearsal after the handshake in progress; safe from any thread, any number of times. */
    public void stop() {
        stopped = true;
    }

    /** Waits up to {@code timeout} for the rehearsal to end; true when it has. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The handshakes rehearsed to the end so far. */
    public int completed() {
        return completed.get();
    }

    private void run() {
        long started = System.nanoTime();
        try {
            CertificateAuthority ca = CertificateAuthority.create("Corridor handshake rehearsal", clock, random);
            IssuedCertificate server = ca.issueServer("rehearsal-server");
            IssuedCertificate client = ca.issueClient("rehearsal-client");
            PreparedTlsServer servers = PreparedTlsServer.prepare(new TlsServerConfig(
                    new LocalCredentials(List.of(server.certificate()), server.privateKey()),
                    List.of(ca.caCertificate()), List.of(), ClientCertificatePolicy.REQUIRED, false,
                    TlsVersionRange.DEFAULT));
            PreparedTlsClient clients = PreparedTlsClient.prepare(new TlsClientConfig(List.of(ca.caCertificate()),
                    List.of(), Optional.of(new LocalCredentials(List.of(client.certificate()), client.privateKey())),
                    true, Optional.empty(), TlsVersionRange.DEFAULT));
            while (!stopped && completed.get() < handshakes) {
                Optional<String> problem = rehearse(clients.newSession(clock, random), servers.newSession(clock, random));
                if (problem.isPresent()) {
                    LOG.debug("handshake rehearsal ended early: {}", problem.get());
                    break;
                }
                completed.incrementAndGet();
            }
            LOG.debug("handshake rehearsal: {} handshake(s) in {} ms", completed.get(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("handshake rehearsal failed after {} handshake(s): {}", completed.get(), e.toString());
        } finally {
            done.countDown();
        }
    }

    /** One handshake, a message each way and a key export on both ends; empty when it went through. */
    private static Optional<String> rehearse(TlsEndpoint client, TlsEndpoint server) {
        try {
            for (int round = 0; round < MAX_ROUNDS && !(client.handshakeComplete() && server.handshakeComplete());
                    round++) {
                hand(client, server);
                hand(server, client);
                Optional<String> failed = client.failure().or(server::failure).map(Object::toString);
                if (failed.isPresent()) {
                    return failed;
                }
            }
            if (!(client.handshakeComplete() && server.handshakeComplete())) {
                return Optional.of("no handshake after " + MAX_ROUNDS + " rounds");
            }
            byte[] message = new byte[200]; // about the size of a key-method-2 message
            client.writeCleartext(message);
            server.writeCleartext(message);
            hand(client, server);
            hand(server, client);
            if (server.readCleartext().length != message.length || client.readCleartext().length != message.length) {
                return Optional.of("a message did not arrive whole");
            }
            KeyingMaterialExport a = client.exportKeyingMaterial(TlsEkmDerivation.DATA_KEYS_LABEL, Key2.BYTES);
            KeyingMaterialExport b = server.exportKeyingMaterial(TlsEkmDerivation.DATA_KEYS_LABEL, Key2.BYTES);
            if (!(a instanceof KeyingMaterialExport.Exported) || !a.equals(b)) {
                return Optional.of("the two ends exported different keying material");
            }
            return Optional.empty();
        } finally {
            client.close();
            server.close();
        }
    }

    private static void hand(TlsEndpoint from, TlsEndpoint to) {
        byte[] bytes = from.drainCiphertext();
        if (bytes.length > 0) {
            to.feedCiphertext(bytes);
        }
    }
}

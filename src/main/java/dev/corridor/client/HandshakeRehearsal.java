package dev.corridor.client;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.protocol.tls.ClientCertificatePolicy;
import dev.corridor.protocol.tls.LocalCredentials;
import dev.corridor.protocol.tls.PreparedTlsClient;
import dev.corridor.protocol.tls.PreparedTlsServer;
import dev.corridor.protocol.tls.TlsServerConfig;
import dev.corridor.protocol.tls.TlsVersionRange;
import dev.corridor.pki.Pem;
import dev.corridor.profile.ParseResult;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ReferencedFiles;
import dev.corridor.profile.Transport;
import dev.corridor.protocol.session.ClientSessionConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rehearses the control session of a connect in memory, on a background thread, while a desktop app
 * that has just started waits for its user (or a server that has just started waits for its first
 * client), so that the first real connect finds the handshake's code loaded and compiled instead of
 * running it cold in the interpreter (seconds on a busy two-core machine, against tens of milliseconds
 * once compiled; docs/benchmarks.md, "Warm connect").
 *
 * <pre>
 *   begin(pace):  throwaway CA, server and client certificates (RSA-2048, as `corridor server init` makes)
 *                 and a throwaway client profile with them inline
 *              ─► rounds, each: the profile parsed and its TLS settings prepared (PEM, key check), as a
 *                 press of Connect does; its session configuration built (SessionFactory); one whole control
 *                 session ClientControlSession ⇄ ServerControlSession (RehearsedSession), packets handed
 *                 across in this thread: reliable layer, TLS 1.3 with X25519 and certificate checks both
 *                 ways, key-method 2, PUSH_REQUEST / PUSH_REPLY parsed and mapped, tls-ekm key derivation,
 *                 data packets sealed and opened each way
 *              ─► ends when the pace has enough (RehearsalPace: the rounds' CPU time stopped falling, or
 *                 its bounds), or at stop() (the user pressed Connect, the first client arrived: the real
 *                 handshake gets the cores)
 * </pre>
 *
 * <p>Nothing leaves the process: no socket, no file, no log line with key material; the throwaway keys
 * live in this thread's memory only and trust nothing outside it. A failure only loses the head start
 * (it is logged at debug level); the real connect reports its own.
 */
public final class HandshakeRehearsal {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeRehearsal.class);
    /** IV_PLAT_VER of the rehearsed sessions; nothing leaves the process. */
    private static final String PLATFORM_VERSION = System.getProperty("os.version", "");

    /**
     * How a rehearsal ended.
     *
     * @param rounds  rounds rehearsed to the end
     * @param millis  wall-clock time from the start
     * @param stopped true when {@link #stop()} ended it before the pace had enough
     */
    public record Summary(int rounds, long millis, boolean stopped) {
        /** One line for a log. */
        public String describe() {
            return "handshake rehearsal: " + rounds + " handshake(s) in " + millis + " ms"
                    + (stopped ? ", stopped early" : "");
        }
    }

    private final RehearsalPace pace;
    private final Clock clock;
    private final SecureRandom random;
    private final AtomicInteger completed = new AtomicInteger();
    private final CompletableFuture<Summary> ended = new CompletableFuture<>();
    private volatile boolean stopped;
    private volatile RehearsedSession.Outcome lastOutcome;

    private HandshakeRehearsal(RehearsalPace pace, Clock clock, SecureRandom random) {
        this.pace = pace;
        this.clock = clock;
        this.random = random;
    }

    /** Starts exactly {@code handshakes} rehearsals on a daemon thread of the lowest priority. */
    public static HandshakeRehearsal begin(int handshakes, Clock clock, SecureRandom random) {
        return begin(RehearsalPace.exactly(handshakes), clock, random);
    }

    /** Starts rehearsing at {@code pace} on a daemon thread of the lowest priority. */
    public static HandshakeRehearsal begin(RehearsalPace pace, Clock clock, SecureRandom random) {
        HandshakeRehearsal rehearsal = new HandshakeRehearsal(pace, clock, random);
        Thread thread = new Thread(rehearsal::run, "corridor-handshake-rehearsal");
        thread.setDaemon(true);
        // A hint only: HotSpot on Linux ignores Java thread priorities (ThreadPriorityPolicy=0), so there the
        // rehearsal competes with other threads as an equal; its pace bounds what it can cost (12 s of one core).
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
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // never completed exceptionally; ended either way
        }
    }

    /** Completes with the summary when the rehearsal ends, however it ends. */
    public CompletableFuture<Summary> ended() {
        return ended.copy();
    }

    /** How the latest rehearsed session went (empty before the first); no key material in it. */
    Optional<RehearsedSession.Outcome> lastOutcome() {
        return Optional.ofNullable(lastOutcome);
    }

    /** The handshakes rehearsed to the end so far. */
    public int completed() {
        return completed.get();
    }

    private void run() {
        long started = System.nanoTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean threadCpu = threads.isCurrentThreadCpuTimeSupported();
        boolean early = false;
        try {
            CertificateAuthority ca = CertificateAuthority.create("Corridor handshake rehearsal", clock, random);
            IssuedCertificate server = ca.issueServer("rehearsal-server");
            IssuedCertificate client = ca.issueClient("rehearsal-client");
            PreparedTlsServer servers = PreparedTlsServer.prepare(new TlsServerConfig(
                    new LocalCredentials(List.of(server.certificate()), server.privateKey()),
                    List.of(ca.caCertificate()), List.of(), ClientCertificatePolicy.REQUIRED, false,
                    TlsVersionRange.DEFAULT));
            byte[] profile = profileText(ca, client).getBytes(StandardCharsets.UTF_8);
            ProfileParser parser = ProfileParser.standard();
            List<Long> costs = new ArrayList<>();
            while (!pace.enough(costs)) {
                if (stopped) {
                    early = true;
                    break;
                }
                long before = threadCpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
                Optional<String> problem = rehearse(parser, profile, servers);
                if (problem.isPresent()) {
                    LOG.debug("handshake rehearsal ended early: {}", problem.get());
                    break;
                }
                costs.add((threadCpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - before);
                completed.incrementAndGet();
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("handshake rehearsal failed after {} handshake(s): {}", completed.get(), e.toString());
        } finally {
            Summary summary = new Summary(completed.get(), (System.nanoTime() - started) / 1_000_000, early);
            LOG.debug("{}", summary.describe());
            ended.complete(summary);
        }
    }

    /**
     * A client profile as `corridor server init` writes one (certificates and key inline), for the
     * throwaway credentials: what a press of Connect reads before its handshake.
     */
    private static String profileText(CertificateAuthority ca, IssuedCertificate client) {
        return "client\ndev tun\nproto udp\nremote rehearsal.invalid 1194\nnobind\nremote-cert-tls server\n"
                + "<ca>\n" + Pem.certificate(ca.caCertificate()) + "</ca>\n"
                + "<cert>\n" + Pem.certificate(client.certificate()) + "</cert>\n"
                + "<key>\n" + Pem.privateKey(client.privateKey()) + "</key>\n";
    }

    /** One round: the profile read and prepared, then a whole control session against {@code servers}; empty when it went through. */
    private Optional<String> rehearse(ProfileParser parser, byte[] profileText, PreparedTlsServer servers) {
        ParseResult parsed = parser.parse("handshake rehearsal", profileText, ReferencedFiles.NONE);
        if (parsed.profile().isEmpty()) {
            return Optional.of("the rehearsal profile does not parse: " + parsed.errors());
        }
        Profile profile = parsed.profile().get();
        PreparedTlsClient clients = PreparedTlsClient.prepare(profile.tls(), new char[0]);
        if (clients.failure().isPresent()) {
            return Optional.of("the rehearsal profile's TLS settings: " + clients.failure().get());
        }
        ClientSessionConfig config = SessionFactory.config(profile, Transport.UDP, PLATFORM_VERSION, clock, random,
                clients);
        RehearsedSession.Outcome outcome = RehearsedSession.run(profile, config, servers, clock, random);
        lastOutcome = outcome;
        if (outcome.problem().isPresent()) {
            return outcome.problem();
        }
        return outcome.whole() ? Optional.empty() : Optional.of("the data packets did not all open");
    }
}

package dev.corridor.client;

import dev.corridor.profile.Profile;
import dev.corridor.tun.InMemoryTun;
import dev.corridor.tun.packet.IcmpEcho;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects a profile without touching the host network (in-memory TUN, no routes, no DNS), pings
 * through the tunnel, disconnects, and reports. This is {@code corridor check}, and the diagnostic a
 * support person asks a user to run.
 */
public final class ConnectivityCheck {
    private static final Duration REPLY_WAIT = Duration.ofSeconds(2);
    private static final Duration OUTER_MARGIN = Duration.ofSeconds(5);

    /** How to run the check. */
    public record Plan(int count, Optional<String> target, Duration connectTimeout, Duration interval) {}

    private ConnectivityCheck() {}

    public static CheckReport run(String profileName, Profile profile, ConnectOptions baseOptions, Plan plan)
            throws InterruptedException {
        return run(profileName, profile, baseOptions, plan, event -> { });
    }

    /**
     * As {@link #run(String, Profile, ConnectOptions, Plan)}, also handing every engine event to
     * {@code observer} as it happens (the CLI shows a browser sign-in URL at once this way). For an
     * {@code auth-federate} profile the wait for the browser adds to the connect timeout.
     */
    public static CheckReport run(String profileName, Profile profile, ConnectOptions baseOptions, Plan plan,
            java.util.function.Consumer<ConnectionEvent> observer) throws InterruptedException {
        InMemoryTunProvider tun = new InMemoryTunProvider();
        ConnectOptions options = new ConnectOptions(baseOptions.credentials(), tun, baseOptions.maxAttempts(),
                baseOptions.attemptTimeout(), baseOptions.platformVersion(), baseOptions.clock(),
                baseOptions.random(), baseOptions.saml());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<TunnelSettings> settings = new AtomicReference<>();
        AtomicReference<String> failure = new AtomicReference<>();
        CountDownLatch decided = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        try (ClientEngine engine = new ClientEngine()) {
            engine.addListener(observer);
            engine.addListener(event -> {
                if (event instanceof ConnectionEvent.BrowserSignIn signIn) {
                    log.add("browser sign-in: " + signIn.url()
                            + (signIn.browserOpened() ? "" : " (no browser could be started)"));
                } else if (event instanceof ConnectionEvent.StateChanged changed) {
                    log.add(changed.state() + ": " + changed.detail());
                } else if (event instanceof ConnectionEvent.Connected connected) {
                    settings.set(connected.settings());
                    decided.countDown();
                } else if (event instanceof ConnectionEvent.Banner banner) {
                    log.add("banner: " + banner.text());
                } else if (event instanceof ConnectionEvent.AuthenticationFailed failed) {
                    log.add("authentication failed: " + failed.reason());
                } else if (event instanceof ConnectionEvent.AttemptFailed failed) {
                    log.add("attempt failed: " + failed.reason() + (failed.willRetry() ? " (retrying)" : ""));
                } else if (event instanceof ConnectionEvent.Disconnected disconnected) {
                    if (disconnected.error()) {
                        failure.compareAndSet(null, disconnected.reason());
                    }
                    ended.set(true);
                    decided.countDown();
                }
            });
            engine.connect(profileName, profile, options);
            // The attempt itself gives up after connectTimeout with a precise reason; the margin lets that
            // reason arrive before this outer guard fires.
            long browserWait = profile.authentication().federated() ? options.saml().acs().timeout().toMillis() : 0;
            if (!decided.await(plan.connectTimeout().toMillis() + browserWait + OUTER_MARGIN.toMillis(),
                    TimeUnit.MILLISECONDS)) {
                failure.compareAndSet(null, "not connected within " + plan.connectTimeout().toSeconds() + " s");
            }
            TunnelSettings up = settings.get();
            if (up == null) {
                engine.disconnect();
                engine.awaitTermination(5, TimeUnit.SECONDS);
                return new CheckReport(false, Optional.empty(), engine.statistics(), Optional.empty(), 0, List.of(),
                        log, Optional.ofNullable(failure.get()).or(() -> Optional.of("not connected")));
            }
            String target = plan.target().orElseGet(() -> defaultTarget(up));
            List<Double> rtts = new ArrayList<>();
            int sent = ping(tun.device(), up, target, plan, rtts, log, ended::get);
            TunnelStatistics statistics = engine.statistics();
            engine.disconnect();
            engine.awaitTermination(5, TimeUnit.SECONDS);
            Optional<String> error = ended.get() && failure.get() != null ? Optional.of(failure.get())
                    : rtts.isEmpty() ? Optional.of("no reply from " + target + " through the tunnel")
                    : Optional.empty();
            return new CheckReport(true, Optional.of(up), statistics, Optional.of(target), sent, rtts, log, error);
        }
    }

    /** The server's tunnel address: route-gateway, the net30 peer, or the first host of our subnet. */
    static String defaultTarget(TunnelSettings settings) {
        if (settings.gateway().isPresent()) {
            return settings.gateway().get();
        }
        long address = toLong(settings.ipv4Address());
        long mask = toLong(settings.ipv4Netmask());
        return fromLong((address & mask) + 1);
    }

    private static int ping(InMemoryTun device, TunnelSettings settings, String target, Plan plan, List<Double> rtts,
            List<String> log, java.util.function.BooleanSupplier ended) throws InterruptedException {
        Inet4Address source;
        Inet4Address destination;
        try {
            source = (Inet4Address) InetAddress.getByName(settings.ipv4Address());
            InetAddress resolved = InetAddress.getByName(target);
            if (!(resolved instanceof Inet4Address v4)) {
                log.add("ping target " + target + " is not an IPv4 address");
                return 0;
            }
            destination = v4;
        } catch (UnknownHostException e) {
            log.add("ping target " + target + " is not an address: " + e.getMessage());
            return 0;
        }
        int identifier = (int) (ProcessHandle.current().pid() & 0xffff);
        int sent = 0;
        for (int sequence = 1; sequence <= plan.count(); sequence++) {
            if (ended.getAsBoolean()) {
                log.add("the connection ended; " + (plan.count() - sequence + 1) + " ping(s) not sent");
                break;
            }
            long start = System.nanoTime();
            device.inject(IcmpEcho.request(source, destination, identifier, sequence, 56));
            sent++;
            long deadline = start + REPLY_WAIT.toNanos();
            boolean answered = false;
            while (!answered && System.nanoTime() < deadline) {
                Optional<byte[]> packet = device.takeDelivered(Duration.ofNanos(deadline - System.nanoTime()));
                if (packet.isEmpty()) {
                    break;
                }
                if (answerIfAskedOf(device, source, packet.get())) {
                    continue;
                }
                Optional<IcmpEcho.Reply> reply = IcmpEcho.parseReply(packet.get());
                if (reply.isPresent() && reply.get().identifier() == identifier
                        && reply.get().sequence() == sequence) {
                    double rtt = (System.nanoTime() - start) / 1_000_000.0;
                    rtts.add(Math.round(rtt * 1000) / 1000.0);
                    answered = true;
                }
            }
            if (!answered) {
                log.add("no reply to ping " + sequence);
            }
            if (sequence < plan.count()) {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                long rest = plan.interval().toMillis() - elapsed;
                if (rest > 0) {
                    Thread.sleep(rest);
                }
            }
        }
        return sent;
    }

    /**
     * Answers an echo request addressed to our tunnel address, as the operating system behind a
     * real TUN device would, so that other clients (client-to-client) can ping this one.
     */
    private static boolean answerIfAskedOf(InMemoryTun device, Inet4Address self, byte[] packet) {
        if (packet.length < 20 || (packet[0] & 0xF0) != 0x40) {
            return false;
        }
        byte[] own = self.getAddress();
        for (int i = 0; i < 4; i++) {
            if (packet[16 + i] != own[i]) {
                return false;
            }
        }
        if (!IcmpEcho.answerInPlace(packet, packet.length)) {
            return false;
        }
        device.inject(packet);
        return true;
    }

    private static long toLong(String ipv4) {
        long value = 0;
        for (String part : ipv4.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static String fromLong(long value) {
        return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "." + (value & 0xff);
    }
}

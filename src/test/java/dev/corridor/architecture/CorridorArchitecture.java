package dev.corridor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project's layering and library-placement rules as named ArchUnit rules, built for a base
 * package so that the same rules check {@code dev.corridor} and the violation fixtures.
 *
 * <p>Every rule is relative to the base package: for base {@code dev.corridor} the room
 * {@code protocol} means {@code dev.corridor.protocol..}. Every rule allows an empty match, because
 * most rooms do not exist yet; {@code ArchitectureRulesCatchViolationsTest} proves each rule still
 * bites by checking it against fixtures that break it and fixtures that keep it.
 */
public final class CorridorArchitecture {

    /** The project's base package. */
    public static final String BASE_PACKAGE = "dev.corridor";

    /** One rule with a short, stable id that test names and failure messages can point at. */
    public record NamedRule(String id, ArchRule rule) {
        public NamedRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private CorridorArchitecture() {}

    /** The rules for the real code base, {@code dev.corridor}. */
    public static List<NamedRule> rules() {
        return rules(BASE_PACKAGE);
    }

    /** The rules with every room taken relative to {@code base}, e.g. {@code dev.corridor.archfixture}. */
    public static List<NamedRule> rules(String base) {
        Rooms r = new Rooms(base);
        return List.of(
                new NamedRule("javafx-only-in-ui", noClasses()
                        .that().resideInAPackage(r.all())
                        .and().resideOutsideOfPackage(r.in("ui"))
                        .should().dependOnClassesThat().resideInAPackage("javafx..")
                        .because("JavaFX is the GUI toolkit; the engine and the CLI must run headless"
                                + " (service, server, CI) without the JavaFX modules")
                        .allowEmptyShould(true)),

                new NamedRule("jna-only-in-os-backends", noClasses()
                        .that().resideInAPackage(r.all())
                        .and().resideOutsideOfPackages(r.in("tun.os"), r.in("net.os"), r.in("transport.os"))
                        .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                        .because("native calls are confined to the per-OS TUN, network and socket backends,"
                                + " behind interfaces that have pure in-memory implementations for tests")
                        .allowEmptyShould(true)),

                new NamedRule("undertow-only-in-http-rooms", noClasses()
                        .that().resideInAPackage(r.all())
                        .and().resideOutsideOfPackages(r.in("auth.saml"), r.in("server.idp"), r.in("server.portal"))
                        .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "org.xnio..")
                        .because("the only HTTP servers are the SAML ACS listener, the test IdP and the"
                                + " self-service portal; Undertow and its XNIO layer stay inside them")
                        .allowEmptyShould(true)),

                new NamedRule("picocli-only-in-cli", noClasses()
                        .that().resideInAPackage(r.all())
                        .and().resideOutsideOfPackage(r.in("cli"))
                        .should().dependOnClassesThat().resideInAPackage("picocli..")
                        .because("command-line parsing is a front end; everything else takes plain"
                                + " values so the GUI and tests can drive it")
                        .allowEmptyShould(true)),

                new NamedRule("protocol-does-no-io", noClasses()
                        .that().resideInAPackage(r.in("protocol"))
                        .should().dependOnClassesThat(IO_TYPES)
                        .orShould().accessTargetWhere(CONSOLE_STREAMS)
                        .because("the protocol is a pure state machine (bytes and time in, bytes and events out);"
                                + " byte-array streams and IOException are fine, files, sockets, URLs,"
                                + " processes and the console are not")
                        .allowEmptyShould(true)),

                new NamedRule("protocol-starts-no-threads", noClasses()
                        .that().resideInAPackage(r.in("protocol"))
                        .should().dependOnClassesThat(THREAD_TYPES)
                        .because("control-plane state is owned by the client's session thread; the protocol"
                                + " asks for timers through an injected scheduler and never runs code on"
                                + " threads of its own")
                        .allowEmptyShould(true)),

                new NamedRule("protocol-reads-no-clock", noClasses()
                        .that().resideInAPackage(r.in("protocol"))
                        .should().accessTargetWhere(SYSTEM_CLOCK_READS)
                        .because("time must come from an injected clock so that retransmits, pings and key"
                                + " lifetimes are tested deterministically; Instant.now(clock) and"
                                + " clock.millis() on an injected java.time.Clock are fine")
                        .allowEmptyShould(true)),

                new NamedRule("protocol-stands-alone", noClasses()
                        .that().resideInAPackage(r.in("protocol"))
                        .should().dependOnClassesThat().resideInAnyPackage(r.in(
                                "transport", "tun", "net", "client", "server", "ui", "cli",
                                "auth.saml", "pki", "platform"))
                        .because("the protocol only knows the profile model (and plain auth values such as"
                                + " credentials); links, devices, routes, certificates on disk, browsers and"
                                + " front ends are wired in by the client")
                        .allowEmptyShould(true)),

                new NamedRule("transport-stands-alone", noClasses()
                        .that().resideInAPackage(r.in("transport"))
                        .should().dependOnClassesThat().resideInAnyPackage(r.in(
                                "protocol", "tun", "net", "auth", "client", "server", "ui", "cli"))
                        .because("a link moves opaque datagrams or length-framed records; only the client"
                                + " (and the server) combine it with the protocol, the TUN device and routes")
                        .allowEmptyShould(true)),

                new NamedRule("tun-stands-alone", noClasses()
                        .that().resideInAPackage(r.in("tun"))
                        .should().dependOnClassesThat().resideInAnyPackage(r.in(
                                "protocol", "transport", "net", "auth", "client", "server", "ui", "cli"))
                        .because("a TUN device reads and writes IP packets and knows nothing of links, routes"
                                + " or the protocol; only the client (and the server) combine them")
                        .allowEmptyShould(true)),

                new NamedRule("net-stands-alone", noClasses()
                        .that().resideInAPackage(r.in("net"))
                        .should().dependOnClassesThat().resideInAnyPackage(r.in(
                                "protocol", "transport", "tun", "auth", "client", "server", "ui", "cli"))
                        .because("route, DNS and IPv6-guard plans are pure data about an interface given by"
                                + " name or index; the client hands net the TUN device's name, so net needs no"
                                + " TUN type and both rooms stay replaceable and testable on their own")
                        .allowEmptyShould(true)),

                new NamedRule("engine-does-not-reach-up", CompositeArchRule
                        .of(noClasses()
                                .that().resideInAPackage(r.in("client"))
                                .should().dependOnClassesThat().resideInAnyPackage(r.in("server", "ui", "cli")))
                        .and(noClasses()
                                .that().resideInAPackage(r.in("server"))
                                .should().dependOnClassesThat().resideInAnyPackage(r.in("client", "ui", "cli")))
                        .because("the client engine and the test server are driven by the front ends, not the"
                                + " other way round, and the VPN client must not contain pieces of the test"
                                + " endpoint (nor the endpoint pieces of the client it is tested against)")
                        .allowEmptyShould(true)),

                new NamedRule("front-ends-reach-engine-through-client", CompositeArchRule
                        .of(noClasses()
                                .that().resideInAPackage(r.in("ui"))
                                .should().dependOnClassesThat().resideInAnyPackage(
                                        r.in("protocol", "transport", "tun", "server")))
                        .and(noClasses()
                                .that().resideInAPackage(r.in("cli"))
                                .should().dependOnClassesThat().resideInAnyPackage(
                                        r.in("protocol", "transport", "tun")))
                        .because("the GUI and the CLI talk to the engine through client.VpnClient and its events"
                                + " so that the engine can move behind IPC into a privileged service; the CLI"
                                + " may also use server, net, pki, profile, auth, platform and logging")
                        .allowEmptyShould(true)),

                new NamedRule("low-level-rooms-do-not-reach-up", noClasses()
                        .that().resideInAnyPackage(r.in("profile", "platform", "logging", "pki"))
                        .should().dependOnClassesThat().resideInAnyPackage(r.in(
                                "client", "server", "ui", "cli", "protocol", "transport", "tun", "net", "auth"))
                        .because("profile, platform, logging and pki are the foundation every other room"
                                + " builds on; a dependency upwards would drag the engine into them")
                        .allowEmptyShould(true)),

                new NamedRule("no-cycles-between-rooms", slices()
                        .matching(base + ".(*)..")
                        .should().beFreeOfCycles()
                        .because("rooms form a layering; a cycle means two rooms can only be understood,"
                                + " tested and changed together")
                        .allowEmptyShould(true)),

                new NamedRule("no-vague-class-names", noClasses()
                        .that().resideInAPackage(r.all())
                        .should().haveSimpleNameEndingWith("Manager")
                        .orShould().haveSimpleNameEndingWith("Helper")
                        .orShould().haveSimpleNameEndingWith("Util")
                        .orShould().haveSimpleNameEndingWith("Utils")
                        .because("a class is named after the one thing it does; Manager, Helper and Util(s)"
                                + " name a place where unrelated code piles up")
                        .allowEmptyShould(true)));
    }

    // ---------------------------------------------------------------------------------------
    // protocol purity: what counts as I/O, threads and reading the system clock

    private static final Pattern IO_TYPE_NAMES = Pattern.compile(
            "java\\.io\\.(File.*|RandomAccessFile|Console)"
                    + "|java\\.nio\\.(file|channels)\\..*"
                    + "|java\\.net\\.(Socket|ServerSocket|DatagramSocket|MulticastSocket|SocketImpl"
                    + "|DatagramSocketImpl|URL|URLConnection|HttpURLConnection|JarURLConnection)"
                    + "|java\\.net\\.http\\..*"
                    + "|java\\.lang\\.(ProcessBuilder|Process|ProcessHandle)(\\$.*)?");

    /** File, socket, URL and process types; byte-array streams and IOException are not among them. */
    static final DescribedPredicate<JavaClass> IO_TYPES = DescribedPredicate.describe(
            "do I/O (java.io.File*, RandomAccessFile, Console, java.nio.file.., java.nio.channels..,"
                    + " java.net sockets and URLs, java.net.http.., processes)",
            type -> IO_TYPE_NAMES.matcher(type.getName()).matches());

    /** {@code System.out}, {@code System.err} and {@code System.in}: console I/O. */
    static final DescribedPredicate<JavaAccess<?>> CONSOLE_STREAMS = DescribedPredicate.describe(
            "is System.out, System.err or System.in",
            access -> access.getTarget().getOwner().getName().equals("java.lang.System")
                    && Set.of("out", "err", "in").contains(access.getTarget().getName()));

    private static final Pattern THREAD_TYPE_NAMES = Pattern.compile(
            "java\\.lang\\.(Thread|ThreadGroup)(\\$.*)?"
                    + "|java\\.util\\.concurrent\\.(Executor.*|ScheduledExecutorService|.*ThreadPoolExecutor"
                    + "|ForkJoinPool(\\$.*)?|ThreadFactory)"
                    + "|java\\.util\\.(Timer|TimerTask)");

    /** Types that create or run threads. */
    static final DescribedPredicate<JavaClass> THREAD_TYPES = DescribedPredicate.describe(
            "create or run threads (java.lang.Thread, ThreadGroup, java.util.concurrent.Executor*,"
                    + " ScheduledExecutorService, thread pools, ForkJoinPool, ThreadFactory, java.util.Timer)",
            type -> THREAD_TYPE_NAMES.matcher(type.getName()).matches());

    /** The JVM's name for constructors, which ArchUnit reports as a constructor call's target name. */
    private static final String CONSTRUCTOR = "<init>";

    private static final Set<String> NOW_TYPES = Set.of(
            "java.time.Instant", "java.time.LocalDateTime", "java.time.LocalDate", "java.time.LocalTime",
            "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
            "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    /**
     * Calls or method references that read the system clock: {@code System.currentTimeMillis/nanoTime},
     * {@code X.now()} and {@code X.now(ZoneId)} on java.time types (but not {@code X.now(Clock)}),
     * {@code Clock.system*} and {@code Clock.tick{Millis,Seconds,Minutes}}, {@code InstantSource.system},
     * {@code new Date()} and {@code Calendar.getInstance}.
     */
    static final DescribedPredicate<JavaAccess<?>> SYSTEM_CLOCK_READS = DescribedPredicate.describe(
            "reads the system clock (System.currentTimeMillis/nanoTime, Instant/LocalDateTime/...now()"
                    + " without a Clock, Clock.system*/tick*, InstantSource.system, new Date(), Calendar.getInstance)",
            access -> readsSystemClock(access.getTarget()));

    private static boolean readsSystemClock(AccessTarget target) {
        String owner = target.getOwner().getName();
        String name = target.getName();
        if (!(target instanceof AccessTarget.CodeUnitAccessTarget)) {
            return false; // a field access never reads the clock
        }
        List<String> parameters = ((AccessTarget.CodeUnitAccessTarget) target).getRawParameterTypes().stream()
                .map(JavaClass::getName)
                .toList();
        switch (owner) {
            case "java.lang.System":
                return name.equals("currentTimeMillis") || name.equals("nanoTime");
            case "java.time.Clock":
                return name.startsWith("system") || Set.of("tickMillis", "tickSeconds", "tickMinutes").contains(name);
            case "java.time.InstantSource":
                return name.equals("system");
            case "java.util.Date":
                return name.equals(CONSTRUCTOR) && parameters.isEmpty();
            case "java.util.Calendar":
                return name.equals("getInstance");
            default:
                return NOW_TYPES.contains(owner) && name.equals("now")
                        && !parameters.equals(List.of("java.time.Clock"));
        }
    }

    /** Package patterns for the rooms under one base package. */
    private record Rooms(String base) {
        /** {@code base..}: every class in the code base. */
        String all() {
            return base + "..";
        }

        /** {@code base.room..}: the room and its sub-packages. */
        String in(String room) {
            return base + "." + room + "..";
        }

        /** The patterns for several rooms. */
        String[] in(String... rooms) {
            return Arrays.stream(rooms).map(this::in).toArray(String[]::new);
        }

    }
}

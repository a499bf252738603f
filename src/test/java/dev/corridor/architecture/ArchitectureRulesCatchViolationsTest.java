package dev.corridor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.corridor.architecture.CorridorArchitecture.NamedRule;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that every rule in {@link CorridorArchitecture} fails on fixture classes that break it and
 * passes on fixture classes that keep it, so a rule that matches nothing or everything is caught.
 *
 * <p>The fixtures live in {@code dev.corridor.archfixture.<room>}, mirroring the real rooms, and the
 * rules are built for that base package. Fixture names below are relative to it.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURE_BASE = "dev.corridor.archfixture";

    /** One rule's fixtures: classes that break it, and classes that keep it and are checked by it. */
    private record Case(List<String> violators, List<String> compliant) {}

    /** For each rule id: the fixtures that break it, then fixtures that keep it (relative names). */
    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        add("javafx-only-in-ui",
                List.of("profile.JavaFxInProfile"),
                List.of("ui.JavaFxInUi", "profile.PlainProfile"));
        add("jna-only-in-os-backends",
                List.of("client.JnaInClient"),
                List.of("tun.os.linux.JnaInLinuxTun", "net.os.macos.JnaInMacosNet", "client.FixtureVpnClient"));
        add("undertow-only-in-http-rooms",
                List.of("cli.UndertowInCli", "client.XnioInClient"),
                List.of("auth.saml.UndertowAcsListener", "server.idp.UndertowIdp", "server.portal.UndertowPortal",
                        "cli.PicocliConnectCommand"));
        add("picocli-only-in-cli",
                List.of("server.PicocliInServer"),
                List.of("cli.PicocliConnectCommand", "server.FixtureServer"));
        add("protocol-does-no-io",
                List.of("protocol.SocketUsingCodec", "protocol.wire.FileReadingCodec",
                        "protocol.message.ConsolePrintingParser"),
                List.of("protocol.wire.ByteStreamCodec", "protocol.ProfileReadingProtocol"));
        add("protocol-starts-no-threads",
                List.of("protocol.reliable.ThreadStartingRetransmitter", "protocol.reliable.ExecutorRetransmitter"),
                List.of("protocol.reliable.InjectedSchedulerRetransmitter"));
        add("protocol-reads-no-clock",
                List.of("protocol.ClockReadingTimer", "protocol.data.NanoTimeReference",
                        "protocol.message.InstantNowStamp", "protocol.keys.SystemClockKeys",
                        "protocol.keys.LegacyDateKeys"),
                List.of("protocol.data.InjectedClockTimer", "protocol.reliable.InjectedSchedulerRetransmitter"));
        add("protocol-stands-alone",
                List.of("protocol.TransportInProtocol", "protocol.keys.PkiInProtocol",
                        "protocol.message.SamlInProtocol"),
                List.of("protocol.ProfileReadingProtocol"));
        add("transport-stands-alone",
                List.of("transport.TunAwareLink", "transport.ProtocolAwareLink"),
                List.of("transport.FixtureLink"));
        add("tun-stands-alone",
                List.of("tun.NetAwareTun", "tun.TransportAwareTun"),
                List.of("tun.FixtureTun", "tun.os.linux.JnaInLinuxTun"));
        add("net-stands-alone",
                List.of("net.TunAwareRoutes", "net.TransportAwareRoutes"),
                List.of("net.FixtureRoutePlan", "net.os.macos.JnaInMacosNet"));
        add("engine-does-not-reach-up",
                List.of("client.CliAwareEngine", "server.ClientAwareServer"),
                List.of("client.FixtureVpnClient", "server.FixtureServer"));
        add("front-ends-reach-engine-through-client",
                List.of("ui.ProtocolFromUi", "ui.ServerFromUi", "cli.TunFromCli"),
                List.of("ui.JavaFxInUi", "cli.PicocliConnectCommand"));
        add("low-level-rooms-do-not-reach-up",
                List.of("profile.ClientAwareProfile", "platform.TunAwarePlatform", "pki.ServerAwarePki"),
                List.of("profile.PlainProfile", "platform.FixtureDataFolder", "logging.FixtureLog", "pki.FixtureCa"));
        add("no-cycles-between-rooms",
                List.of("protocol.message.CycleCrv1Message", "auth.CycleCrv1Response"),
                List.of("protocol.ProfileReadingProtocol", "auth.FixtureCredentials", "profile.PlainProfile",
                        "client.FixtureVpnClient", "ui.JavaFxInUi"));
        add("no-vague-class-names",
                List.of("client.ThingManager", "platform.FileHelper", "net.RouteUtil", "logging.LogUtils"),
                List.of("ui.HelperTextView", "platform.FixtureDataFolder"));
    }

    private static final Pattern FIRST_ANGLE_BRACKETS = Pattern.compile("<([^>]*)>");

    private static JavaClasses fixtures;
    private static List<NamedRule> rules;

    private static void add(String ruleId, List<String> violators, List<String> compliant) {
        CASES.put(ruleId, new Case(violators, compliant));
    }

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURE_BASE);
        rules = CorridorArchitecture.rules(FIXTURE_BASE);
    }

    @Test
    void everyRuleHasFixturesAndEveryFixtureBelongsToARule() {
        assertThat(CASES.keySet()).as("rule ids with fixtures")
                .containsExactlyElementsOf(rules.stream().map(NamedRule::id).toList());

        Set<String> named = CASES.values().stream()
                .flatMap(c -> Stream.concat(c.violators().stream(), c.compliant().stream()))
                .map(ArchitectureRulesCatchViolationsTest::fullName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> present = fixtures.stream()
                .filter(c -> c.getEnclosingClass().isEmpty())
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        assertThat(present).as("fixture classes found in " + FIXTURE_BASE).containsAll(named);
        assertThat(named).as("every fixture class is used by some rule's case").containsAll(present);
    }

    @TestFactory
    Stream<DynamicContainer> eachRuleFailsOnItsViolatorsAndPassesOnCompliantClasses() {
        return rules.stream().map(named -> {
            Case fixtureCase = CASES.get(named.id());
            return DynamicContainer.dynamicContainer(named.id(), Stream.of(
                    DynamicTest.dynamicTest("reports each violator", () -> assertReportsEachViolator(named, fixtureCase)),
                    DynamicTest.dynamicTest("reports violators among compliant classes",
                            () -> assertReportsViolatorsAmongCompliant(named, fixtureCase)),
                    DynamicTest.dynamicTest("passes on its compliant classes, which it does check",
                            () -> assertPassesOnCompliant(named, fixtureCase))));
        });
    }

    @Test
    void allCompliantFixturesTogetherKeepEveryRule() {
        JavaClasses compliant = only(CASES.values().stream().flatMap(c -> c.compliant().stream()).toList());
        for (NamedRule named : rules) {
            EvaluationResult result = named.rule().evaluate(compliant);
            assertThat(result.hasViolation())
                    .as("%s on all compliant fixtures:%n%s", named.id(), result.getFailureReport())
                    .isFalse();
        }
    }

    @Test
    void theWholeFixturePackageBreaksEveryRule() {
        for (NamedRule named : rules) {
            assertThat(named.rule().evaluate(fixtures).hasViolation()).as(named.id()).isTrue();
        }
    }

    /** Each violator alone (a cycle needs both of its ends) makes the rule fail, and the report names it. */
    private static void assertReportsEachViolator(NamedRule named, Case fixtureCase) {
        boolean cycle = named.id().equals("no-cycles-between-rooms");
        List<List<String>> groups = cycle
                ? List.of(fixtureCase.violators())
                : fixtureCase.violators().stream().map(List::of).toList();
        for (List<String> group : groups) {
            EvaluationResult result = named.rule().evaluate(only(group));
            assertThat(result.hasViolation()).as("%s on %s", named.id(), group).isTrue();
            String report = result.getFailureReport().toString();
            for (String violator : group) {
                assertThat(report).as("%s report names %s", named.id(), violator).contains(fullName(violator));
            }
        }
    }

    /** Mixed in with every compliant fixture, the violators are still found, and only they are named. */
    private static void assertReportsViolatorsAmongCompliant(NamedRule named, Case fixtureCase) {
        List<String> compliant = CASES.values().stream().flatMap(c -> c.compliant().stream()).distinct().toList();
        List<String> mixed = Stream.concat(compliant.stream(), fixtureCase.violators().stream()).toList();
        EvaluationResult result = named.rule().evaluate(only(mixed));
        assertThat(result.hasViolation()).as(named.id()).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        for (String violator : fixtureCase.violators()) {
            assertThat(details).as("%s details name %s", named.id(), violator)
                    .anyMatch(line -> line.contains(fullName(violator)));
        }
        if (!named.id().equals("no-cycles-between-rooms")) {
            // A cycle report lists every dependency of the slices involved; other rules blame only violators.
            for (String clean : compliant) {
                assertThat(details).as("%s does not blame compliant %s", named.id(), clean)
                        .noneMatch(line -> blames(line, fullName(clean)));
            }
        }
    }

    /**
     * The compliant classes keep the rule, even with empty matches forbidden: so the rule really looked
     * at them rather than passing because nothing matched.
     */
    private static void assertPassesOnCompliant(NamedRule named, Case fixtureCase) {
        EvaluationResult result = named.rule().allowEmptyShould(false).evaluate(only(fixtureCase.compliant()));
        assertThat(result.hasViolation())
                .as("%s on %s:%n%s", named.id(), fixtureCase.compliant(), result.getFailureReport())
                .isFalse();
    }

    /** The imported fixture classes with the given relative names, plus their nested classes. */
    private static JavaClasses only(List<String> relativeNames) {
        Set<String> names = relativeNames.stream()
                .map(ArchitectureRulesCatchViolationsTest::fullName)
                .collect(Collectors.toSet());
        for (String name : names) {
            assertThat(fixtures.contain(name)).as("fixture %s exists", name).isTrue();
        }
        return fixtures.that(DescribedPredicate.describe("are one of " + relativeNames,
                (JavaClass c) -> names.contains(topLevel(c).getName())));
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass current = type;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }

    private static String fullName(String relativeName) {
        return FIXTURE_BASE + "." + relativeName;
    }

    /**
     * True when a detail line is about {@code className} or one of its members: ArchUnit puts the
     * origin first, e.g. {@code Field <a.B.x> has type <c.D>} or {@code Class <a.B> has simple name ...}.
     */
    private static boolean blames(String detailLine, String className) {
        Matcher origin = FIRST_ANGLE_BRACKETS.matcher(detailLine);
        if (!origin.find()) {
            return false;
        }
        String subject = origin.group(1);
        return subject.equals(className) || subject.startsWith(className + ".") || subject.startsWith(className + "$");
    }
}

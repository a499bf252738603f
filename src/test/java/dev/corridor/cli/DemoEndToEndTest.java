package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.cli.demo.DemoEndpoint;
import dev.corridor.cli.demo.DemoEnvironment;
import dev.corridor.cli.demo.DemoException;
import dev.corridor.cli.demo.DemoFrontEnd;
import dev.corridor.cli.demo.DemoMode;
import dev.corridor.cli.demo.DemoProfiles;
import dev.corridor.cli.demo.DemoUser;
import dev.corridor.cli.demo.TerminalFrontEnd;
import dev.corridor.cli.demo.WindowFrontEnd;
import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.StoredProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor demo} end to end without a window: the demo starts its three endpoints in the
 * test data folder, {@code corridor check} (in-process) connects with each demo profile (SAML through
 * a curl script playing the browser), and after the front end returns every port, thread, profile
 * and file the demo made is gone while the user's own profile stays.
 */
class DemoEndToEndTest {
    private static final String BROWSER_SCRIPT = """
            #!/bin/sh
            # Plays the browser: $1 user, $2 password, $3 the IdP URL (appended by corridor).
            set -e
            user="$1"; pass="$2"; url="$3"
            base=$(printf %s "$url" | sed -E 's#^(https?://[^/]+).*#\\1#')
            page=$(curl -sS --fail "$url")
            login=$(printf %s "$page" | sed -n 's/.*name="login" value="\\([0-9a-f]*\\)".*/\\1/p')
            post=$(curl -sS --fail --data-urlencode "login=$login" --data-urlencode "username=$user" \\
                --data-urlencode "password=$pass" "$base/sso/login")
            action=$(printf %s "$post" | sed -n 's/.*<form method="post" action="\\([^"]*\\)".*/\\1/p')
            saml=$(printf %s "$post" | sed -n 's/.*name="SAMLResponse" value="\\([^"]*\\)".*/\\1/p')
            relay=$(printf %s "$post" | sed -n 's/.*name="RelayState" value="\\([^"]*\\)".*/\\1/p')
            curl -sS --fail --data-urlencode "SAMLResponse=$saml" --data-urlencode "RelayState=$relay" \\
                "$action" > "$(dirname "$0")/acs-page.html"
            """;
    private static final String OWN_PROFILE = "Mine (not a demo)";

    @TempDir
    Path temp;
    private final Path data = DataDirectory.current();
    private ProfileStore store;

    @BeforeEach
    void importAProfileOfTheUsersOwn() throws Exception {
        store = ProfileStore.open(data, ProfileParser.standard(), Clock.systemUTC());
        deleteOwnProfile();
        store.importFile(Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn"), Optional.of(OWN_PROFILE));
    }

    @AfterEach
    void deleteOwnProfile() throws Exception {
        if (store.list().stream().anyMatch(p -> p.name().equals(OWN_PROFILE))) {
            store.delete(OWN_PROFILE);
        }
    }

    /** What the test front end saw while the demo ran. */
    private static final class Seen {
        final Map<DemoMode, TestEndpoint.Result> checks = new LinkedHashMap<>();
        final List<DemoEndpoint> endpoints = new ArrayList<>();
        final List<String> profileNames = new ArrayList<>();
        String secondDemo = "";
        Path folder;
    }

    @Test
    void startsThreeEndpointsEveryProfileConnectsAndStoppingLeavesNothing() throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        Path script = temp.resolve("browser.sh");
        Files.writeString(script, BROWSER_SCRIPT);
        Path credentials = temp.resolve("alice.pass");
        Seen seen = new Seen();
        DemoFrontEnd checks = environment -> {
            seen.folder = environment.folder();
            seen.endpoints.addAll(environment.endpoints());
            try {
                store.list().stream().filter(DemoProfiles::isDemoProfile).map(StoredProfile::name)
                        .forEach(seen.profileNames::add);
                seen.checks.put(DemoMode.CERTIFICATE, check(DemoMode.CERTIFICATE));
                Files.writeString(credentials, "alice\n" + DemoUser.ALICE.password() + "\n"
                        + DemoUser.ALICE.code(Instant.now()).orElseThrow() + "\n");
                seen.checks.put(DemoMode.DIRECTORY_MFA, check(DemoMode.DIRECTORY_MFA,
                        "--auth-user-pass", credentials.toString()));
                seen.checks.put(DemoMode.SAML, check(DemoMode.SAML, "--browser-command",
                        "sh " + script + " carol " + DemoUser.CAROL.password(), "--acs-port", String.valueOf(freeTcpPort())));
                DemoEnvironment.start(data, Clock.systemUTC(), new SecureRandom(), line -> { }).close();
            } catch (DemoException e) {
                seen.secondDemo = e.getMessage();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            CountDownLatch done = new CountDownLatch(0);
            return new TerminalFrontEnd(new PrintWriter(new StringWriter()), done).show(environment);
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = DemoCommand.run(data, checks, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(seen.profileNames).containsExactly("Demo – certificate", "Demo – directory + MFA", "Demo – SAML");
        for (Map.Entry<DemoMode, TestEndpoint.Result> check : seen.checks.entrySet()) {
            TestEndpoint.Result result = check.getValue();
            assertThat(result.exit()).as(check.getKey() + ": " + result.out() + result.err() + out).isZero();
            JsonNode report = new ObjectMapper().readTree(result.out());
            assertThat(report.get("connected").asBoolean()).as(check.getKey().name()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).as(check.getKey().name()).isEqualTo(3);
        }
        assertThat(seen.checks).hasSize(3);
        assertThat(Files.readString(temp.resolve("acs-page.html"))).contains("You can close this window");
        assertThat(seen.secondDemo).contains("another corridor demo is running");
        assertThat(out.toString()).contains("alice  password demo-alice", "alice's MFA code now: ",
                "Demo stopped: its servers, test IdP, profiles and files are removed.");
        assertThat(out.toString()).doesNotContain("Exception");

        // Nothing is left: profiles, files, ports, threads.
        assertThat(store.list().stream().map(StoredProfile::name)).contains(OWN_PROFILE)
                .noneMatch(name -> name.startsWith("Demo"));
        assertThat(seen.folder).doesNotExist();
        assertThat(data.resolve("demo.lock")).doesNotExist();
        assertThat(seen.endpoints).hasSize(3);
        for (DemoEndpoint endpoint : seen.endpoints) {
            assertThat(portFree(endpoint.mode(), endpoint.address().getPort())).as(endpoint.mode().name()).isTrue();
        }
        int idpPort = Integer.parseInt(seen.endpoints.get(2).idpUrl().orElseThrow().replaceAll(".*:(\\d+)/sso", "$1"));
        assertThat(tcpPortFree(idpPort)).isTrue();
        assertThat(TestEndpoint.waitFor(10, () -> newThreads(threadsBefore).isEmpty()))
                .as("threads left: " + newThreads(threadsBefore)).isTrue();
    }

    @Test
    void withoutADisplayTheWindowFrontEndRefusesBeforeAnythingStarts() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        WindowFrontEnd noDisplay = new WindowFrontEnd(() -> Optional.of("no display"));

        int exit = DemoCommand.run(data, noDisplay, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("corridor: cannot open the window (no display)")
                .contains("corridor demo --no-window");
        assertThat(out.toString()).doesNotContain("Starting the demo endpoints");
        assertThat(store.list().stream().map(StoredProfile::name)).contains(OWN_PROFILE)
                .noneMatch(name -> name.startsWith("Demo"));
        assertThat(data.resolve("demo")).doesNotExist();
    }

    @Test
    void demoCodePrintsAlicesCurrentCode() {
        StringWriter out = new StringWriter();
        Instant before = Instant.now();

        int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "demo", "code");

        assertThat(exit).isZero();
        String code = out.toString().substring(0, 6);
        assertThat(code).isIn(DemoUser.ALICE.code(before).orElseThrow(), DemoUser.ALICE.code(Instant.now())
                .orElseThrow());
        assertThat(out.toString()).contains("(alice; changes in ");
    }

    @Test
    void aSecondDemoProfileStartIsRefusedWhenTheUserOwnsTheName() throws Exception {
        store.delete(OWN_PROFILE);
        store.importFile(Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn"),
                Optional.of("Demo – SAML"));
        try {
            assertThatThrownBy(() -> DemoEnvironment.start(data, Clock.systemUTC(), new SecureRandom(), line -> { }))
                    .isInstanceOf(DemoException.class)
                    .hasMessageContaining("a profile of yours is named \"Demo – SAML\"");
            assertThat(store.list().stream().map(StoredProfile::name)).containsOnlyOnce("Demo – SAML")
                    .doesNotContain("Demo – certificate", "Demo – directory + MFA");
            assertThat(data.resolve("demo")).doesNotExist();
        } finally {
            store.delete("Demo – SAML");
            store.importFile(Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn"), Optional.of(OWN_PROFILE));
        }
    }

    private static TestEndpoint.Result check(DemoMode mode, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", mode.profileName(), "--json", "--count", "3",
                "--interval", "0.2", "--timeout", "30"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new TestEndpoint.Result(exit, out.toString(), err.toString());
    }

    private static Set<String> newThreads(Set<Thread> before) {
        // The JDK keeps its "process reaper" (child processes: the browser command) pooled for a minute;
        // JNA starts one "JNA Cleaner" per JVM at its first native memory (the clients' UDP segmentation
        // offload) and keeps it for the JVM's life. Neither belongs to the demo.
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> !name.equals("process reaper") && !name.equals("JNA Cleaner"))
                .collect(Collectors.toSet());
    }

    private static boolean portFree(DemoMode mode, int port) {
        if (mode.transport() == dev.corridor.server.config.TransportProtocol.TCP) {
            return tcpPortFree(port);
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean tcpPortFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int freeTcpPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}

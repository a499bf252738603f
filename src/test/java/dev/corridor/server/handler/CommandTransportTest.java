package dev.corridor.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client connect handler as a real child process: a small shell script per case. */
class CommandTransportTest {
    private static final String ALLOW = "{\"allow\": true, \"error-msg-on-denied-connection\": \"\","
            + " \"posture-compliance-statuses\": [\"compliant\"], \"schema-version\": \"v2\"}";

    @TempDir
    Path folder;

    private Path script(String name, String body) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private ConnectOutcome authorize(Path script, Duration timeout) throws Exception {
        try (ConnectAuthorizer authorizer = new ConnectAuthorizer(CommandTransport.of(script), timeout, 4)) {
            return authorizer.authorize(ConnectMessagesTest.sampleRequest()).get(timeout.toSeconds() + 10,
                    TimeUnit.SECONDS);
        }
    }

    @Test
    void anAllowingCommandReadsTheRequestOnStandardInput() throws Exception {
        Path seen = folder.resolve("seen.json");
        Path handler = script("allow.sh", "cat > '" + seen + "'\nprintf '%s' '" + ALLOW + "'");

        ConnectOutcome outcome = authorize(handler, Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(new ConnectOutcome.Allowed(List.of("compliant")));
        JsonNode request = new ObjectMapper().readTree(Files.readAllBytes(seen));
        assertThat(request.get("connection-id").textValue()).isEqualTo("cvpn-connection-00000000000000001");
        assertThat(request.get("schema-version").textValue()).isEqualTo("v2");
    }

    @Test
    void aDenyingCommandsMessageReachesTheOutcome() throws Exception {
        Path handler = script("deny.sh", "cat > /dev/null\necho '{\"allow\": false, \"error-msg-on-denied-connection\":"
                + " \"Linux is not allowed\", \"posture-compliance-statuses\": [], \"schema-version\": \"v2\"}'");

        ConnectOutcome outcome = authorize(handler, Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(new ConnectOutcome.Denied("Linux is not allowed", List.of()));
        assertThat(outcome.clientMessage()).isEqualTo("Linux is not allowed");
    }

    @Test
    void aCommandRunningPastTheTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = folder.resolve("sleep.pid");
        Path handler = script("slow.sh", "sleep 30 &\necho $! > '" + pidFile + "'\nwait");

        long started = System.nanoTime();
        ConnectOutcome outcome = authorize(handler, Duration.ofSeconds(1));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(outcome.failureReason()).contains(ConnectFailureReason.TIMED_OUT);
        assertThat(outcome.clientMessage()).isEqualTo(ConnectOutcome.DEFAULT_CLIENT_MESSAGE);
        assertThat(millis).isBetween(900L, 5_000L);
        long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(runningWithin(sleepPid, Duration.ofSeconds(3))).as("the handler's child is killed").isFalse();
    }

    /** True while {@code pid} runs (a killed orphan may stay a zombie where nothing reaps it). */
    private static boolean runningWithin(long pid, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !Files.exists(stat)
                    || Files.readString(stat).replaceFirst("^.*\\) ", "").startsWith("Z")) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Test
    void garbageOnStandardOutputIsAnInvalidResponse() throws Exception {
        Path handler = script("garbage.sh", "echo 'allow please'");

        assertThat(authorize(handler, Duration.ofSeconds(5)).failureReason())
                .contains(ConnectFailureReason.INVALID_RESPONSE);
    }

    @Test
    void moreThan64KiBOfOutputIsAnInvalidResponse() throws Exception {
        Path handler = script("chatty.sh", "head -c 70000 /dev/zero");

        ConnectOutcome outcome = authorize(handler, Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(new ConnectOutcome.Failed(ConnectFailureReason.INVALID_RESPONSE,
                "the response is larger than 65536 bytes"));
    }

    @Test
    void aNonZeroExitIsAnOtherExecutionErrorWithTheEndOfStandardError() throws Exception {
        Path handler = script("fail.sh", "echo 'database unreachable' >&2\nprintf '%s' '" + ALLOW + "'\nexit 3");

        ConnectOutcome outcome = authorize(handler, Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(new ConnectOutcome.Failed(ConnectFailureReason.OTHER_EXECUTION_ERROR,
                "fail.sh exited with status 3: database unreachable"));
    }

    @Test
    void theCommandGetsOnlyASmallEnvironment() throws Exception {
        Path env = folder.resolve("env.txt");
        Path handler = script("env.sh", "env > '" + env + "'\nprintf '%s' '" + ALLOW + "'");

        authorize(handler, Duration.ofSeconds(5));

        Set<String> names = Arrays.stream(Files.readString(env).split("\n")).filter(line -> line.contains("="))
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toSet());
        assertThat(names).isSubsetOf("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "PWD", "SHLVL", "_", "OLDPWD");
    }

    @Test
    void refusesAFileThatIsMissingOrNotExecutable() throws Exception {
        Path plain = folder.resolve("plain.sh");
        Files.writeString(plain, "#!/bin/sh\n");

        assertThatThrownBy(() -> CommandTransport.of(folder.resolve("missing.sh")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("missing.sh is not a file");
        assertThatThrownBy(() -> CommandTransport.of(plain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("plain.sh is not executable");
    }

    @Test
    void aCommandThatCannotStartIsAServiceError() throws Exception {
        Path handler = script("vanishing.sh", "true");
        CommandTransport transport = CommandTransport.of(handler);
        Files.delete(handler);
        try (ConnectAuthorizer authorizer = new ConnectAuthorizer(transport, Duration.ofSeconds(5), 1)) {
            ConnectOutcome outcome = authorizer.authorize(ConnectMessagesTest.sampleRequest()).get(10, TimeUnit.SECONDS);

            assertThat(outcome.failureReason()).contains(ConnectFailureReason.SERVICE_ERROR);
        }
    }

    @Test
    void authorizeReturnsAtOnceAndCompletesOnAHandlerThread() throws Exception {
        Path handler = script("slow-allow.sh", "sleep 1\nprintf '%s' '" + ALLOW + "'");
        try (ConnectAuthorizer authorizer = new ConnectAuthorizer(CommandTransport.of(handler), Duration.ofSeconds(5),
                2)) {
            AtomicReference<String> thread = new AtomicReference<>();
            long started = System.nanoTime();
            CompletableFuture<ConnectOutcome> future = authorizer.authorize(ConnectMessagesTest.sampleRequest());
            long returnedMillis = (System.nanoTime() - started) / 1_000_000;
            CompletableFuture<Void> seen = future.thenAccept(o -> thread.set(Thread.currentThread().getName()));

            assertThat(returnedMillis).isLessThan(500);
            assertThat(future).isNotDone();
            seen.get(10, TimeUnit.SECONDS);
            assertThat(future.get()).isInstanceOf(ConnectOutcome.Allowed.class);
            assertThat(thread.get()).startsWith("corridor-connect-handler-");
        }
    }

    @Test
    void callsBeyondTheConcurrencyLimitAreThrottled() throws Exception {
        Path handler = script("busy.sh", "sleep 2\nprintf '%s' '" + ALLOW + "'");
        try (ConnectAuthorizer authorizer = new ConnectAuthorizer(CommandTransport.of(handler), Duration.ofSeconds(5),
                1)) {
            CompletableFuture<ConnectOutcome> first = authorizer.authorize(ConnectMessagesTest.sampleRequest());
            CompletableFuture<ConnectOutcome> second = authorizer.authorize(ConnectMessagesTest.sampleRequest());

            assertThat(second).isDone();
            assertThat(second.get().failureReason()).contains(ConnectFailureReason.THROTTLED);
            assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectOutcome.Allowed.class);
        }
    }

    @Test
    void aRelativeCommandIsTakenFromTheConfigFolder() throws Exception {
        script("relative.sh", "printf '%s' '" + ALLOW + "'");
        var config = new dev.corridor.server.config.ClientConnectHandler(true, java.util.Optional.of(
                Path.of("relative.sh")), java.util.Optional.empty(), Duration.ofSeconds(5));
        try (ConnectAuthorizer authorizer = ConnectAuthorizer.forConfig(config, folder)) {
            assertThat(authorizer.authorize(ConnectMessagesTest.sampleRequest()).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ConnectOutcome.Allowed.class);
        }
        assertThat(new String(Files.readAllBytes(folder.resolve("relative.sh")), StandardCharsets.UTF_8))
                .startsWith("#!/bin/sh");
    }
}

package dev.corridor.cli;

import dev.corridor.cli.demo.CodeTicker;
import dev.corridor.cli.demo.DemoEnvironment;
import dev.corridor.cli.demo.DemoException;
import dev.corridor.cli.demo.DemoFrontEnd;
import dev.corridor.cli.demo.DemoInfo;
import dev.corridor.cli.demo.DemoUser;
import dev.corridor.cli.demo.TerminalFrontEnd;
import dev.corridor.cli.demo.WindowFrontEnd;
import dev.corridor.platform.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corridor demo [--no-window]}: runs the bundled test endpoints (certificate, directory + MFA,
 * SAML) on this machine with demo profiles, shows the window (or the terminal), and removes it all
 * when the window closes or on Ctrl-C / SIGTERM.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = DemoCommand.Code.class,
        description = {"Try Corridor on this machine: test endpoints, demo profiles and the window.",
                "Starts three test endpoints (certificate, directory + MFA, SAML with the test IdP) on 127.0.0.1"
                        + " with the virtual network (no root needed), imports demo profiles, and opens the window."
                        + " Closing the window, Ctrl-C or SIGTERM stops and removes everything the demo started."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Option(names = "--no-window", description = "Use the demo from the terminal instead of the desktop window;"
            + " runs until Ctrl-C.")
    private boolean noWindow;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DemoFrontEnd frontEnd = noWindow ? new TerminalFrontEnd(out, new CountDownLatch(1)) : new WindowFrontEnd();
        return run(DataDirectory.current(), frontEnd, out, spec.commandLine().getErr());
    }

    /**
     * Starts the demo in {@code dataFolder}, shows {@code frontEnd}, and stops everything when it
     * returns, fails, or the process is asked to end.
     */
    static int run(Path dataFolder, DemoFrontEnd frontEnd, PrintWriter out, PrintWriter err) {
        Optional<String> unavailable = frontEnd.unavailable();
        if (unavailable.isPresent()) {
            err.println("corridor: " + unavailable.get());
            return ExitCodes.FAILURE;
        }
        if ("root".equals(System.getProperty("user.name"))) {
            out.println("Running as root: the demo still uses the virtual network (real TUN devices in network"
                    + " namespaces are not part of the demo yet).");
        }
        out.println("Starting the demo endpoints in " + dataFolder.resolve("demo") + " ...");
        out.flush();
        Clock clock = Clock.systemUTC();
        DemoEnvironment environment;
        try {
            environment = DemoEnvironment.start(dataFolder, clock, new SecureRandom(), line -> print(out, line));
        } catch (DemoException e) {
            err.println("corridor: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Thread hook = new Thread(() -> {
            environment.close();
            print(out, "Demo stopped: its servers, test IdP, profiles and files are removed.");
        }, "corridor-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (CodeTicker ticker = CodeTicker.start(out, clock)) {
            synchronized (out) {
                DemoInfo.describe(environment, clock.instant()).forEach(out::println);
                out.flush();
            }
            return frontEnd.show(environment);
        } catch (DemoException e) {
            err.println("corridor: " + e.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            boolean removed;
            try {
                removed = Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                removed = false; // the JVM is shutting down: the hook stops the demo
            }
            if (removed) {
                environment.close();
                print(out, "Demo stopped: its servers, test IdP, profiles and files are removed.");
            }
        }
    }

    private static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** {@code corridor demo code}: alice's current MFA code, from the demo's documented secret. */
    @Command(name = "code", mixinStandardHelpOptions = true,
            description = "Print the demo user alice's current MFA code (TOTP, changes every 30 s).")
    static final class Code implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            Instant now = Instant.now();
            spec.commandLine().getOut().println(DemoUser.ALICE.code(now).orElseThrow() + "  (alice; changes in "
                    + DemoUser.secondsLeft(now) + " s)");
            return ExitCodes.OK;
        }
    }
}

package dev.corridor.cli;

import dev.corridor.cli.demo.CodeTicker;
import dev.corridor.cli.demo.DemoEnvironment;
import dev.corridor.cli.demo.DemoException;
import dev.corridor.cli.demo.DemoFrontEnd;
import dev.corridor.cli.demo.DemoInfo;
import dev.corridor.cli.demo.DemoLab;
import dev.corridor.cli.demo.DemoNetwork;
import dev.corridor.cli.demo.LabLayout;
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
                        + " with the virtual network (no root needed), or as root on Linux in network namespaces with"
                        + " real TUN devices and a lab host (10.100.0.10) behind them; imports demo profiles, and"
                        + " opens the window. Closing the window, Ctrl-C or SIGTERM stops and removes everything the"
                        + " demo started."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Option(names = "--no-window", description = "Use the demo from the terminal instead of the desktop window;"
            + " runs until Ctrl-C.")
    private boolean noWindow;
    @Option(names = "--virtual-network", description = "As root too, run the endpoints in this process with the"
            + " virtual network instead of the namespace lab with real TUN devices.")
    private boolean virtualNetwork;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DemoFrontEnd frontEnd = noWindow ? new TerminalFrontEnd(out, new CountDownLatch(1)) : new WindowFrontEnd();
        return run(DataDirectory.current(), chooseNetwork(out), frontEnd, out, spec.commandLine().getErr());
    }

    /** The namespace lab as root on Linux with ip and nft, else the virtual network; says which and why. */
    private DemoNetwork chooseNetwork(PrintWriter out) {
        // namespaces need more than CAP_NET_ADMIN (ip netns mounts them under /run/netns): root only
        if (virtualNetwork || !"root".equals(System.getProperty("user.name"))) {
            return new DemoNetwork.Virtual();
        }
        Optional<String> why = DemoLab.unavailable();
        if (why.isPresent()) {
            out.println("Running as root, but " + why.get() + ": the demo uses the virtual network.");
            return new DemoNetwork.Virtual();
        }
        LabLayout lab = LabLayout.STANDARD;
        out.println("Running as root: the demo builds a lab of network namespaces (" + lab.serverNamespace() + ", "
                + lab.lanNamespace() + ") with real TUN devices (--virtual-network: the in-process network instead).");
        return new DemoNetwork.Namespaces(lab);
    }

    /** As {@link #run(Path, DemoNetwork, DemoFrontEnd, PrintWriter, PrintWriter)} with the virtual network. */
    static int run(Path dataFolder, DemoFrontEnd frontEnd, PrintWriter out, PrintWriter err) {
        return run(dataFolder, new DemoNetwork.Virtual(), frontEnd, out, err);
    }

    /**
     * Starts the demo in {@code dataFolder} on {@code network}, shows {@code frontEnd}, and stops
     * everything when it returns, fails, or the process is asked to end.
     */
    static int run(Path dataFolder, DemoNetwork network, DemoFrontEnd frontEnd, PrintWriter out, PrintWriter err) {
        Optional<String> unavailable = frontEnd.unavailable();
        if (unavailable.isPresent()) {
            err.println("corridor: " + unavailable.get());
            return ExitCodes.FAILURE;
        }
        out.println("Starting the demo endpoints in " + dataFolder.resolve("demo") + " ...");
        out.flush();
        Clock clock = Clock.systemUTC();
        DemoEnvironment environment;
        try {
            environment = DemoEnvironment.start(dataFolder, network, clock, new SecureRandom(),
                    line -> print(out, line));
        } catch (DemoException e) {
            err.println("corridor: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Thread hook = new Thread(() -> {
            environment.close();
            print(out, stoppedLine(environment));
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
                print(out, stoppedLine(environment));
            }
        }
    }

    private static String stoppedLine(DemoEnvironment environment) {
        return "Demo stopped: its servers, test IdP, profiles and files are removed"
                + (environment.network() instanceof DemoNetwork.Namespaces ? ", and its network namespaces." : ".");
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

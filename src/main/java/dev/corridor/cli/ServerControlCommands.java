package dev.corridor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.corridor.server.ConnectionSummary;
import dev.corridor.server.ControlClient;
import dev.corridor.server.ReloadReport;
import dev.corridor.server.ServerControlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code corridor server connections | terminate | reload}: talk to a running
 * {@code corridor server run} through its control socket next to {@code endpoint.json}.
 */
final class ServerControlCommands {
    private ServerControlCommands() {}

    /** Runs one request and turns failures into a message and exit code. */
    private abstract static class ControlCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--config", paramLabel = "FILE", required = true,
                description = "The endpoint.json the server was started with.")
        Path configFile;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                run(new ControlClient(configFile), out);
                out.flush();
                return ExitCodes.OK;
            } catch (ServerControlException | IOException e) {
                spec.commandLine().getErr().println("corridor: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }

        abstract void run(ControlClient client, PrintWriter out) throws ServerControlException, IOException;
    }

    @Command(name = "connections", mixinStandardHelpOptions = true,
            description = "List the clients connected to a running server.")
    static final class Connections extends ControlCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        void run(ControlClient client, PrintWriter out) throws ServerControlException, IOException {
            List<ConnectionSummary> list = client.connections();
            if (json) {
                out.println(new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .writerWithDefaultPrettyPrinter().writeValueAsString(list));
                return;
            }
            if (list.isEmpty()) {
                out.println("No clients are connected.");
                return;
            }
            out.printf("%-33s %-16s %-15s %-21s %-9s %-12s %s%n", "CONNECTION", "IDENTITY", "TUNNEL ADDRESS",
                    "FROM", "CONNECTED", "IN / OUT", "CLIENT");
            Instant now = Instant.now();
            for (ConnectionSummary c : list) {
                out.printf("%-33s %-16s %-15s %-21s %-9s %-12s %s%n", c.connectionId(), c.identity(),
                        c.tunnelAddress(), c.clientIp() + ":" + c.clientPort(),
                        duration(Duration.between(c.connectedSince(), now)),
                        bytes(c.ingressBytes()) + "/" + bytes(c.egressBytes()),
                        c.platform() + " " + c.platformVersion() + ", OpenVPN " + c.clientVersion());
            }
        }

        private static String duration(Duration d) {
            long s = Math.max(0, d.getSeconds());
            return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                    : String.format("%dm%02ds", s / 60, s % 60);
        }

        private static String bytes(long n) {
            return n >= 1 << 20 ? (n >> 20) + "M" : n >= 1 << 10 ? (n >> 10) + "K" : String.valueOf(n);
        }
    }

    @Command(name = "terminate", mixinStandardHelpOptions = true,
            description = "End a client's connection; the client is told not to reconnect and its session token"
                    + " stops working.")
    static final class Terminate extends ControlCommand {
        @Parameters(paramLabel = "CONNECTION_ID", description = "As `corridor server connections` shows it.")
        String connectionId;
        @Option(names = "--reconnect", description = "Tell the client to reconnect at once with its session token"
                + " (RESTART) instead of ending the connection for good; a test aid for clients.")
        boolean reconnect;

        @Override
        void run(ControlClient client, PrintWriter out) throws ServerControlException, IOException {
            client.terminate(connectionId, reconnect);
            out.println((reconnect ? "Asked " + connectionId + " to reconnect." : "Terminated " + connectionId + "."));
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = {"Make a running server re-read endpoint.json (the same as sending it SIGHUP).",
                "Routes, split tunnel and DNS changes reset connected clients (they reconnect with their session"
                    + " token); a CRL that now revokes a client's certificate disconnects it; rules apply at once."})
    static final class Reload extends ControlCommand {
        @Override
        void run(ControlClient client, PrintWriter out) throws ServerControlException, IOException {
            ReloadReport report = client.reload();
            out.println(report.changes().isEmpty() ? "Reloaded; nothing changed."
                    : "Reloaded: " + String.join(", ", report.changes()) + " changed; " + report.reset()
                            + " connection(s) reset, " + report.terminated() + " terminated.");
        }
    }
}

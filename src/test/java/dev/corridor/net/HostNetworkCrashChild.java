package dev.corridor.net;

import dev.corridor.net.os.NamespaceNetlink;
import java.nio.file.Path;

/**
 * Test-only child process for {@link HostNetworkIT}: applies the lab's full-tunnel request inside a
 * namespace, prints {@code APPLIED}, and waits to be killed with SIGKILL, like a crashing client.
 */
public final class HostNetworkCrashChild {
    private HostNetworkCrashChild() {}

    /** Arguments: namespace, data folder for the journal, resolv.conf path. */
    public static void main(String[] args) throws Exception {
        HostNetwork network = new HostNetwork(NamespaceNetlink.applierIn(args[0],
                new NamespaceCommandRunner(args[0]), Path.of(args[2])),
                UndoJournal.in(Path.of(args[1])));
        AppliedNetwork applied = network.apply(HostNetworkIT.fullTunnelRequest());
        System.out.println("APPLIED " + applied.plan().changes().size());
        System.out.flush();
        Thread.sleep(600_000);
    }
}

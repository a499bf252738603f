package dev.corridor.cli.demo;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * The demo without a window ({@code corridor demo --no-window}): says how to connect from another
 * terminal and waits until stopped, which in the command is Ctrl-C or SIGTERM (the shutdown hook
 * then stops the demo).
 */
public final class TerminalFrontEnd implements DemoFrontEnd {
    private final PrintWriter out;
    private final CountDownLatch stop;

    /**
     * @param stop counted down to end {@link #show}; the command never does, so only the end of the
     *             process ends it there
     */
    public TerminalFrontEnd(PrintWriter out, CountDownLatch stop) {
        this.out = out;
        this.stop = stop;
    }

    @Override
    public int show(DemoEnvironment environment) {
        out.println("Connect from another terminal, for example:");
        boolean lab = environment.network() instanceof DemoNetwork.Namespaces;
        for (DemoEndpoint endpoint : environment.endpoints()) {
            out.println("  " + (lab ? DemoInfo.connectCommand(endpoint.mode()) : DemoInfo.checkCommand(endpoint.mode())));
        }
        if (lab) {
            out.println("and while connected, from a third terminal: ping " + LabLayout.LAB_HOST + "   (or without"
                    + " a tunnel: corridor check \"" + DemoMode.CERTIFICATE.profileName() + "\" --ping "
                    + LabLayout.LAB_HOST + ")");
        }
        out.println("The demo runs until Ctrl-C.");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

package dev.corridor.archfixture.protocol.reliable;

/** Breaks protocol-starts-no-threads: the protocol starts a thread for retransmits. */
public final class ThreadStartingRetransmitter {
    public void armRetransmit(Runnable resend) {
        new Thread(resend).start();
    }
}

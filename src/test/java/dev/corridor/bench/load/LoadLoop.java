package dev.corridor.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One load-generator thread: a selector over the datagram channels of its share of the simulated
 * clients. It starts waiting clients while the run hands out handshake permits, reads whatever
 * arrives, and ticks every client's timers every {@value #TICK_MILLIS} ms, until all its clients are done.
 *
 * <pre>
 *   loop: select(≤ 10 ms) ─► readable channels ─► client.readable
 *         start waiting clients while permits last ─► client.start (hard reset)
 *         every 10 ms: client.tick for all (retransmit, PUSH_REQUEST, pings, keepalive, leave)
 * </pre>
 */
final class LoadLoop implements Runnable {
    private static final long TICK_MILLIS = 10;

    private final List<SimulatedClient> clients;
    private final LoadRun run;
    private volatile long cpuNanos;

    LoadLoop(List<SimulatedClient> clients, LoadRun run) {
        this.clients = List.copyOf(clients);
        this.run = run;
    }

    /** CPU time this thread used, known once it has finished. */
    long cpuNanos() {
        return cpuNanos;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        List<SimulatedClient> waiting = new ArrayList<>(clients);
        int nextWaiting = 0;
        long lastTick = 0;
        try (Selector selector = Selector.open()) {
            while (true) {
                selector.select(TICK_MILLIS);
                long now = System.currentTimeMillis();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isReadable()) {
                        ((SimulatedClient) key.attachment()).readable(buffer, now);
                    }
                }
                while (nextWaiting < waiting.size() && run.tryStart()) {
                    SimulatedClient client = waiting.get(nextWaiting++);
                    var channel = client.start(now);
                    if (channel.isPresent()) {
                        channel.get().register(selector, SelectionKey.OP_READ, client);
                    }
                }
                if (now - lastTick >= TICK_MILLIS) {
                    lastTick = now;
                    boolean allDone = nextWaiting == waiting.size();
                    for (SimulatedClient client : clients) {
                        client.tick(now);
                        allDone &= client.phase() == SimulatedClient.Phase.DONE;
                    }
                    if (allDone) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            cpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }
}

package dev.corridor.bench;

import dev.corridor.protocol.data.ReplayVerdict;
import dev.corridor.protocol.data.ReplayWindow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The replay window alone: check-and-commit of in-order ids, and of ids reordered within blocks of
 * eight (each arrives up to seven behind the highest, so the time-expiry scan runs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReplayWindowBenchmark {
    /** A permutation of 0..7: the order in which each block of eight ids arrives. */
    private static final int[] SHUFFLE = {3, 0, 7, 1, 6, 2, 5, 4};

    private ReplayWindow inOrder;
    private ReplayWindow reordered;
    private long nextInOrder;
    private long block;
    private int positionInBlock;
    private long now;

    @Setup
    public void setUp() {
        inOrder = ReplayWindow.withDefaults();
        reordered = ReplayWindow.withDefaults();
        nextInOrder = 0;
        block = 0;
        positionInBlock = 0;
        now = 1_000_000;
    }

    @Benchmark
    public ReplayVerdict inOrder() {
        if (nextInOrder == 0xFFFF_FFFFL) {
            nextInOrder = 0;
            inOrder.reset();
        }
        return inOrder.checkAndCommit(++nextInOrder, now);
    }

    @Benchmark
    public ReplayVerdict reordered() {
        long id = block * 8 + 1 + SHUFFLE[positionInBlock];
        if (++positionInBlock == 8) {
            positionInBlock = 0;
            block++;
            now++;
        }
        return reordered.checkAndCommit(id, now);
    }
}

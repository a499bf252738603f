package dev.corridor.bench;

import java.io.IOException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs Corridor's JMH benchmarks with JMH's own command-line options (for example
 * {@code -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc DataChannel}); see docs/benchmarks.md for the exact
 * command. Benchmarks are not tests: surefire never runs them.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Bad JMH options: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.shouldHelp()) {
            options.showHelp();
            return;
        }
        if (options.shouldList()) {
            new Runner(options).list();
            return;
        }
        new Runner(options).run();
    }
}

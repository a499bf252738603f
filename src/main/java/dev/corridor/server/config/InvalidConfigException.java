package dev.corridor.server.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file was refused; {@link #problems()} lists every problem with its JSON path. */
public final class InvalidConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public InvalidConfigException(String file, List<ConfigProblem> problems) {
        super(file + " is not valid:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid configuration has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in document order. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}

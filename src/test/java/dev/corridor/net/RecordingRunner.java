package dev.corridor.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test double for {@link CommandRunner}: records every command (and its input) and answers from canned
 * results chosen by the longest matching command prefix; anything unmatched succeeds with no output.
 */
public final class RecordingRunner implements CommandRunner {
    private final Map<String, Result> answers = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();

    /** Answers commands starting with {@code prefix} (words joined by spaces) with {@code stdout}. */
    public RecordingRunner answer(String prefix, String stdout) {
        answers.put(prefix, new Result(0, stdout, ""));
        return this;
    }

    /** Fails commands starting with {@code prefix} with {@code exitCode} and {@code stderr}. */
    public RecordingRunner fail(String prefix, int exitCode, String stderr) {
        answers.put(prefix, new Result(exitCode, "", stderr));
        return this;
    }

    /** The commands run so far, each as one space-separated line. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The standard input given to each command (empty string when none). */
    public List<String> inputs() {
        return List.copyOf(inputs);
    }

    /** The commands run so far that do not start with {@code prefix} (e.g. leave out reads). */
    public List<String> commandsExcept(String prefix) {
        return commands.stream().filter(c -> !c.startsWith(prefix)).toList();
    }

    public void clear() {
        commands.clear();
        inputs.clear();
    }

    @Override
    public Result run(List<String> command, Optional<String> input) {
        String line = String.join(" ", command);
        commands.add(line);
        inputs.add(input.orElse(""));
        String best = null;
        for (String prefix : answers.keySet()) {
            if (line.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? new Result(0, "", "") : answers.get(best);
    }
}

package dev.corridor.net;

import dev.corridor.net.os.SystemCommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test-only: runs every command inside a network namespace by prefixing {@code ip netns exec NAME}. */
final class NamespaceCommandRunner implements CommandRunner {
    private final String namespace;
    private final SystemCommandRunner system = new SystemCommandRunner();

    NamespaceCommandRunner(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public Result run(List<String> command, Optional<String> input) {
        List<String> prefixed = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        prefixed.addAll(command);
        return system.run(prefixed, input);
    }
}

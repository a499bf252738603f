package dev.corridor.it;

import java.util.List;

/** Something that runs commands inside one network namespace of a test lab. */
interface InNamespace {
    /** {@code ip netns exec <ns>} followed by {@code command}. */
    List<String> exec(String... command);
}

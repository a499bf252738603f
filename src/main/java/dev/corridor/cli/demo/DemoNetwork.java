package dev.corridor.cli.demo;

import java.util.Objects;

/** Where the demo's endpoints forward their clients' traffic. */
public sealed interface DemoNetwork permits DemoNetwork.Virtual, DemoNetwork.Namespaces {
    /** In-process servers on 127.0.0.1 with the virtual network: no root, nothing on this machine changes. */
    record Virtual() implements DemoNetwork {}

    /**
     * {@code corridor server run --tun} children in a lab of network namespaces (root, Linux): clients
     * connect with a real TUN device and reach the lab host behind the server.
     */
    record Namespaces(LabLayout layout) implements DemoNetwork {
        public Namespaces {
            Objects.requireNonNull(layout, "layout");
        }
    }
}

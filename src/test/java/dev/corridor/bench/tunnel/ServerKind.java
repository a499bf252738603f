package dev.corridor.bench.tunnel;

import java.io.IOException;

/** The two servers under test and how each is started in the lab's server namespace. */
enum ServerKind {
    CORRIDOR("Corridor server"),
    OPENVPN("OpenVPN 2.6 server");

    private final String label;

    ServerKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    VpnServer start(TunnelLab lab, String javaOptions) throws IOException, InterruptedException {
        return this == CORRIDOR ? CorridorVpnServer.start(lab, javaOptions) : OpenVpnServer.start(lab);
    }
}

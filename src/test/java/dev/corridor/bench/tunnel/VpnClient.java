package dev.corridor.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two clients under test and how each is started in the client namespace with a profile. */
enum VpnClient {
    /** {@code corridor connect --config PROFILE} in a child JVM with its own data folder. */
    CORRIDOR("Corridor client", Pattern.compile("tunnel address .*?, cipher (\\S+?),")),
    /** Debian's {@code openvpn --config PROFILE}. */
    OPENVPN("OpenVPN 2.6 client", Pattern.compile("Data Channel: cipher '([^']+)'"));

    private final String label;
    private final Pattern cipherLine;

    VpnClient(String label, Pattern cipherLine) {
        this.label = label;
        this.cipherLine = cipherLine;
    }

    /** The name in the result table. */
    String label() {
        return label;
    }

    /** The command line, in the client namespace, for a profile written into {@code folder}. */
    List<String> command(Path folder, String profile, String javaOptions) throws IOException {
        Path file = folder.resolve("client.ovpn");
        Files.writeString(file, profile);
        if (this == CORRIDOR) {
            return TunnelLab.exec(TunnelLab.CLIENT, CorridorJvm.command(folder.resolve("home"), javaOptions,
                    "connect", "--config", file.toString()).toArray(String[]::new));
        }
        return TunnelLab.exec(TunnelLab.CLIENT, "openvpn", "--config", file.toString());
    }

    /** The data cipher the client says it uses, from its output. */
    Optional<String> cipher(String output) {
        Matcher matcher = cipherLine.matcher(output);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}

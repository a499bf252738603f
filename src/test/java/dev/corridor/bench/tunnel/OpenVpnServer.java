package dev.corridor.bench.tunnel;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Debian's OpenVPN 2.6 as the server under test: a fresh PKI from Corridor's {@code pki} package,
 * {@code tls-crypt}, {@code data-ciphers AES-256-GCM}, client pool 10.78.0.0/24 (routed, no NAT).
 */
final class OpenVpnServer implements VpnServer {
    private final Process process;
    private final Path log;
    private final String profile;

    private OpenVpnServer(Process process, Path log, String profile) {
        this.process = process;
        this.log = log;
        this.profile = profile;
    }

    /** Writes the PKI and configuration under the lab's folder and starts {@code openvpn} in the server namespace. */
    static OpenVpnServer start(TunnelLab lab) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory(lab.folder(), "openvpn-server-");
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.create("Corridor tunnel bench CA", Clock.systemUTC(), random);
        IssuedCertificate server = ca.issueServer("server.bench.test");
        IssuedCertificate client = ca.issueClient("client.bench.test");
        String staticKey = staticKey(random);
        Files.writeString(folder.resolve("ca.crt"), Pem.certificate(ca.caCertificate()));
        Files.writeString(folder.resolve("server.crt"), Pem.certificate(server.certificate()));
        Files.writeString(folder.resolve("server.key"), Pem.privateKey(server.privateKey()));
        Files.writeString(folder.resolve("tc.key"), staticKey);
        List<String> conf = List.of(
                "dev tun",
                "proto udp",
                "local " + TunnelLab.SERVER_ADDRESS,
                "port 1194",
                "ca " + folder.resolve("ca.crt"),
                "cert " + folder.resolve("server.crt"),
                "key " + folder.resolve("server.key"),
                "tls-crypt " + folder.resolve("tc.key"),
                "dh none",
                "server 10.78.0.0 255.255.255.0",
                "topology subnet",
                "keepalive 10 60",
                "data-ciphers AES-256-GCM",
                "push \"route " + TunnelLab.HOST_NETWORK + " 255.255.255.0\"",
                "verb 3");
        Files.writeString(folder.resolve("server.conf"), String.join("\n", conf) + "\n");
        String profile = "client\ndev tun\nproto udp\nremote " + TunnelLab.SERVER_ADDRESS + " 1194\n"
                + "nobind\nremote-cert-tls server\nverb 3\n" + PINNED_CIPHER
                + "<ca>\n" + Pem.certificate(ca.caCertificate()) + "</ca>\n"
                + "<cert>\n" + Pem.certificate(client.certificate()) + "</cert>\n"
                + "<key>\n" + Pem.privateKey(client.privateKey()) + "</key>\n"
                + "<tls-crypt>\n" + staticKey + "</tls-crypt>\n";
        lab.enableForwarding();
        Path log = folder.resolve("server.log");
        Process process = lab.spawn(TunnelLab.exec(TunnelLab.SERVER, "openvpn", "--config",
                folder.resolve("server.conf").toString()), log);
        OpenVpnServer started = new OpenVpnServer(process, log, profile);
        try {
            VpnServer.awaitLog(process, log, "Initialization Sequence Completed", Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    @Override
    public String label() {
        return "OpenVPN 2.6 server";
    }

    @Override
    public String clientProfile() {
        return profile;
    }

    @Override
    public long pid() {
        return ResidentMemory.workerPid(process);
    }

    @Override
    public String log() {
        return VpnServer.read(log);
    }

    private static String staticKey(SecureRandom random) {
        byte[] key = new byte[256];
        random.nextBytes(key);
        String hex = HexFormat.of().formatHex(key);
        StringBuilder text = new StringBuilder("-----BEGIN OpenVPN Static key V1-----\n");
        for (int i = 0; i < hex.length(); i += 32) {
            text.append(hex, i, i + 32).append('\n');
        }
        return text.append("-----END OpenVPN Static key V1-----\n").toString();
    }

    @Override
    public void close() throws InterruptedException {
        TunnelLab.stop(process, 10);
    }
}
